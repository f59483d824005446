import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import type { Actor, TerritoryScope } from '../shared/scope';
import { OutboxMessageNotFoundError } from './outbox.errors';
import { OUTBOX_FILTERS, presentOutboxLine, type OutboxFilter } from './outbox.presenters';
import * as repo from './outbox.repository';
import { mailDelivery } from './outbox.transport';

/** The page shows the newest messages; older ones stay in the table. */
export const OUTBOX_PAGE_SIZE = 200;

/** An unknown status filter shows everything (a filter is a view, never an error). */
export function readOutboxFilter(params: URLSearchParams): OutboxFilter | null {
	const value = params.get('status');
	return (OUTBOX_FILTERS as readonly string[]).includes(value ?? '') ? (value as OutboxFilter) : null;
}

/** The territory's outbox for its coordinators: counts per status and the newest messages. */
export async function browseOutbox(db: Db, scope: TerritoryScope, filter: OutboxFilter | null) {
	const statuses = filter === null ? undefined : filter === 'pending' ? ['pending', 'sending'] : [filter];
	const [rows, byStatus] = await Promise.all([repo.listOutbox(db, scope, { statuses, limit: OUTBOX_PAGE_SIZE }), repo.countOutboxByStatus(db, scope)]);
	const counts = { sent: byStatus.sent ?? 0, pending: (byStatus.pending ?? 0) + (byStatus.sending ?? 0), failed: byStatus.failed ?? 0 };
	// Without SMTP_URL, « envoyé » means written to a file: the page says so rather than let it be taken for delivered.
	return { messages: rows.map(presentOutboxLine), counts, filter, delivery: mailDelivery() };
}

/**
 * Sends a failed message again (a coordinator's "Renvoyer"): due now, attempts counted afresh;
 * audited. A message that is not failed (sent, or already sent again) is left as it is.
 */
export async function resendMessage(db: Db, scope: TerritoryScope, actor: Actor, id: number, now = new Date()): Promise<{ resent: boolean }> {
	return db.transaction(async (tx) => {
		const current = await repo.findOutboxMessage(tx, scope, id, { forUpdate: true });
		if (!current) throw new OutboxMessageNotFoundError();
		if (current.status !== 'failed') return { resent: false };
		await repo.requeueMessage(tx, scope, id, now);
		await recordAudit(tx, scope, actor, {
			action: 'resend',
			entityType: 'mail',
			entityId: id,
			before: { status: current.status, attempts: current.attempts, lastError: current.lastError },
			after: { status: 'pending', attempts: 0 }
		});
		return { resent: true };
	});
}
