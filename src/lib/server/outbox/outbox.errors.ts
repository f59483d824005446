import { NotFoundError } from '../shared/errors';

/** Stable codes of the outbox domain. */
export const OUTBOX_ERROR_CODES = {
	notFound: 'outbox.not_found'
} as const;

/** Unknown, another territory's, or not failed: nothing to send again, and nothing revealed. */
export class OutboxMessageNotFoundError extends NotFoundError {
	constructor() {
		super(OUTBOX_ERROR_CODES.notFound);
	}
}
