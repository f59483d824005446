import { NotFoundError } from '../shared/errors';

/** Stable codes of the role-models domain: logs, API payloads and tests rely on them. */
export const ROLE_MODEL_ERROR_CODES = {
	notFound: 'role_models.not_found'
} as const;

/** Unknown, in another territory, or someone else's profile: the same answer. */
export class RoleModelNotFoundError extends NotFoundError {
	constructor() {
		super(ROLE_MODEL_ERROR_CODES.notFound);
	}
}
