import { NotFoundError } from '../shared/errors';

/** Stable codes of the outbox domain. */
export const OUTBOX_ERROR_CODES = {
	notFound: 'outbox.not_found'
} as const;

/** Unknown, or another territory's: the same answer, so nothing is revealed. */
export class OutboxMessageNotFoundError extends NotFoundError {
	constructor() {
		super(OUTBOX_ERROR_CODES.notFound);
	}
}
