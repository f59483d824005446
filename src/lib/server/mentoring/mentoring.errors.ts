import { NotFoundError } from '../shared/errors';

/** Stable codes of the mentoring domain: logs, API payloads and tests rely on them. */
export const MENTORING_ERROR_CODES = {
	notFound: 'mentoring.not_found'
} as const;

/** Unknown, in another territory, or out of the actor's reach (or a write she may not make): the same answer. */
export class CohortNotFoundError extends NotFoundError {
	constructor() {
		super(MENTORING_ERROR_CODES.notFound);
	}
}
