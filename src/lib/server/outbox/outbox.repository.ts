import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { mailOutbox, type OutboxAttachment } from './outbox.table';
import { textToHtml } from './outbox.render';
import { signalEnqueued } from './outbox.signal';

/** A message to send: French text; the HTML part is derived from it when not given. */
export interface OutgoingMail {
	territoryId: number | null;
	kind: string;
	to: string;
	subject: string;
	text: string;
	html?: string;
	attachments?: OutboxAttachment[];
}

/**
 * Writes the message to the outbox. Call it with the transaction of the change that causes the
 * message: both commit or neither does. The worker sends it afterwards.
 */
export async function enqueueMail(tx: Db, mail: OutgoingMail): Promise<number> {
	const [row] = await tx
		.insert(mailOutbox)
		.values({
			territoryId: mail.territoryId,
			kind: mail.kind,
			toAddress: mail.to,
			subject: mail.subject,
			textBody: mail.text,
			htmlBody: mail.html ?? textToHtml(mail.text),
			attachments: mail.attachments ?? []
		})
		.returning({ id: mailOutbox.id });
	// Before the commit: the loop keeps looking for a moment after a nudge (outbox.loop.ts).
	signalEnqueued();
	return row!.id;
}

/** What the outbox page shows (statuses as stored: `sending` is a claimed pending message). */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

/** The territory's messages, newest first; `statuses` narrows to some statuses. */
export async function listOutbox(db: Db, scope: TerritoryScope, options: { statuses?: readonly string[]; limit: number }) {
	return db
		.select({
			id: mailOutbox.id,
			kind: mailOutbox.kind,
			toAddress: mailOutbox.toAddress,
			subject: mailOutbox.subject,
			status: mailOutbox.status,
			attempts: mailOutbox.attempts,
			nextAttemptAt: mailOutbox.nextAttemptAt,
			lastError: mailOutbox.lastError,
			sentAt: mailOutbox.sentAt,
			createdAt: mailOutbox.createdAt
		})
		.from(mailOutbox)
		.where(and(eq(mailOutbox.territoryId, scope.territoryId), options.statuses ? inArray(mailOutbox.status, [...options.statuses]) : undefined))
		.orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
		.limit(options.limit);
}

/** How many of the territory's messages are in each status. */
export async function countOutboxByStatus(db: Db, scope: TerritoryScope): Promise<Record<string, number>> {
	const rows = await db
		.select({ status: mailOutbox.status, n: count() })
		.from(mailOutbox)
		.where(eq(mailOutbox.territoryId, scope.territoryId))
		.groupBy(mailOutbox.status);
	return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function findOutboxMessage(db: Db, scope: TerritoryScope, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select({ id: mailOutbox.id, status: mailOutbox.status, attempts: mailOutbox.attempts, lastError: mailOutbox.lastError })
		.from(mailOutbox)
		.where(and(eq(mailOutbox.id, id), eq(mailOutbox.territoryId, scope.territoryId)));
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

/** Puts a failed message back in the queue, due now, with a fresh count of attempts. */
export async function requeueMessage(db: Db, scope: TerritoryScope, id: number, now: Date) {
	await db
		.update(mailOutbox)
		.set({ status: 'pending', attempts: 0, nextAttemptAt: now })
		.where(and(eq(mailOutbox.id, id), eq(mailOutbox.territoryId, scope.territoryId)));
	signalEnqueued();
}
