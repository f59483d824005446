import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';

/** Stable codes of the targets domain: logs, API payloads and tests rely on them. */
export const TARGET_ERROR_CODES = {
	targetNotFound: 'targets.not_found',
	milestoneNotFound: 'targets.milestone_not_found',
	conflict: 'targets.conflict'
} as const;

/** Unknown, in another territory, or a write the actor may not make: the same answer. */
export class TargetNotFoundError extends NotFoundError {
	constructor() {
		super(TARGET_ERROR_CODES.targetNotFound);
	}
}

/** Unknown, in another territory, or a write the actor may not make: the same answer. */
export class MilestoneNotFoundError extends NotFoundError {
	constructor() {
		super(TARGET_ERROR_CODES.milestoneNotFound);
	}
}

/** The target or milestone changed since the version the editor read: nothing is saved or removed. */
export class TargetConflictError extends ConflictError {
	constructor(current: unknown) {
		super(TARGET_ERROR_CODES.conflict, current);
	}
}

/**
 * The target or milestone a form names is gone (removed in another tab) or was never one of the
 * territory's: a message on the page, like the plan editor's items, never a 404 for the coordinator.
 */
export function recordGoneError(): ValidationError {
	return new ValidationError({ _form: { key: 'targets.validation.gone' } });
}

/** The year, initiative and audience already have their target: it is changed, not added twice. */
export function targetExistsError(): ValidationError {
	return new ValidationError({ schoolYear: { key: 'targets.validation.exists' } });
}
