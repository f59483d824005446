import { ConflictError, NotFoundError } from '../shared/errors';

/** Stable codes of the trainings domain: logs, API payloads and tests rely on them. */
export const TRAINING_ERROR_CODES = {
	notFound: 'trainings.not_found',
	conflict: 'trainings.conflict'
} as const;

/** Unknown, in another territory, or a write the actor may not make: the same answer. */
export class TrainingNotFoundError extends NotFoundError {
	constructor() {
		super(TRAINING_ERROR_CODES.notFound);
	}
}

/** The training changed since the version the editor read: nothing is saved or deleted. */
export class TrainingConflictError extends ConflictError {
	constructor(current: unknown) {
		super(TRAINING_ERROR_CODES.conflict, current);
	}
}
