import { ConflictError, NotFoundError } from '../shared/errors';

/** Stable codes of the activities domain: logs, API payloads and tests rely on them. */
export const ACTIVITY_ERROR_CODES = {
	notFound: 'activities.not_found',
	conflict: 'activities.conflict'
} as const;

/** Unknown, in another territory, or out of the actor's reach: the same answer, so nothing leaks. */
export class ActivityNotFoundError extends NotFoundError {
	constructor() {
		super(ACTIVITY_ERROR_CODES.notFound);
	}
}

/**
 * The activity changed since the editor loaded it: `current` is the stored activity (with its
 * audiences), `changed` the fields that differ from the version the editor started from.
 */
export class ActivityConflictError extends ConflictError {
	constructor(current: unknown, changed: readonly string[]) {
		super(ACTIVITY_ERROR_CODES.conflict, current, changed);
	}
}
