import type { listOutbox } from './outbox.repository';

/** What the page filters and shows: a claimed (`sending`) message is still pending for the reader. */
export const OUTBOX_FILTERS = ['sent', 'pending', 'failed'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

export function shownStatus(status: string): OutboxFilter {
	return status === 'sent' ? 'sent' : status === 'failed' ? 'failed' : 'pending';
}

export type OutboxLine = Awaited<ReturnType<typeof listOutbox>>[number];

/** One line of the outbox page. */
export function presentOutboxLine(row: OutboxLine) {
	const status = shownStatus(row.status);
	return {
		id: row.id,
		kind: row.kind,
		to: row.toAddress,
		subject: row.subject,
		status,
		attempts: row.attempts,
		createdAt: row.createdAt.toISOString(),
		sentAt: row.sentAt?.toISOString() ?? null,
		nextAttemptAt: status === 'pending' ? row.nextAttemptAt.toISOString() : null,
		lastError: status === 'sent' ? null : row.lastError
	};
}
