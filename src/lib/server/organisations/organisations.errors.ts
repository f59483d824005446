import { NotFoundError } from '../shared/errors';

/** Stable codes of the organisations domain: logs, API payloads and tests rely on them. */
export const ORGANISATION_ERROR_CODES = {
	notFound: 'organisations.not_found'
} as const;

/** Unknown, in another territory, or out of the actor's reach: the same answer. */
export class OrganisationNotFoundError extends NotFoundError {
	constructor() {
		super(ORGANISATION_ERROR_CODES.notFound);
	}
}
