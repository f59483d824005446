import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { logEvent } from '../log';
import { mailOutbox, type OutboxAttachment } from './outbox.table';
import { mailFrom, smtpAnswer, type MailMessage, type MailTransport } from './outbox.transport';

/** Waits after the 1st, 2nd… failed attempt; the 8th failure marks the message failed. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 3_600_000, 12 * 3_600_000, 24 * 3_600_000];
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
/**
 * A claimed message is `sending` until this long after its claim: a sender that crashed meanwhile
 * leaves it due again afterwards (the transport's timeouts end an attempt well before).
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

export interface DeliveryReport {
	sent: number;
	retried: number;
	failed: number;
}

type Row = typeof mailOutbox.$inferSelect;

/**
 * Which rows are due: pending ones whose time has come, and claims whose sender never finished.
 * The database stamps `next_attempt_at` in microseconds and a Date holds milliseconds: a message
 * queued in the same millisecond as `now` (12:00:00.123456 against 12:00:00.123) is due too.
 */
function due(now: Date) {
	return and(or(eq(mailOutbox.status, 'pending'), eq(mailOutbox.status, 'sending')), lt(mailOutbox.nextAttemptAt, new Date(now.getTime() + 1)));
}

/**
 * Claims up to `limit` due messages in one short transaction (FOR UPDATE SKIP LOCKED: another
 * worker, in this process or another instance, skips them), marking them `sending` with a claim
 * lease. Committed before any SMTP exchange, so that no transaction stays open while the network waits.
 */
export async function claimDue(db: Db, now: Date, limit: number): Promise<Row[]> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({ id: mailOutbox.id })
			.from(mailOutbox)
			.where(due(now))
			.orderBy(mailOutbox.nextAttemptAt, mailOutbox.id)
			.limit(limit)
			.for('update', { skipLocked: true });
		if (rows.length === 0) return [];
		return tx
			.update(mailOutbox)
			.set({ status: 'sending', nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
			.where(
				inArray(
					mailOutbox.id,
					rows.map((r) => r.id)
				)
			)
			.returning();
	});
}

/** The message as nodemailer sends it: an attachment with a METHOD goes as the invitation itself (text/calendar). */
export function toMessage(row: Pick<Row, 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'attachments'>): MailMessage {
	const attachments = (row.attachments ?? []) as OutboxAttachment[];
	const invitation = attachments.find((a) => a.method);
	return {
		from: mailFrom(),
		to: row.toAddress,
		subject: row.subject,
		text: row.textBody,
		html: row.htmlBody,
		...(invitation ? { icalEvent: { method: invitation.method, filename: invitation.filename, content: invitation.content } } : {}),
		attachments: attachments.filter((a) => a !== invitation).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content }))
	};
}

/**
 * Sends the due messages once: claim, send each, then mark it sent (with the Message-ID) or put it
 * back with the SMTP server's answer and a later attempt (BACKOFF_MS), failed after MAX_ATTEMPTS.
 * A database outage rejects (the loop tries again later); an SMTP error never does.
 */
export async function deliverDue(db: Db, transport: MailTransport, options: { now?: Date; limit?: number } = {}): Promise<DeliveryReport> {
	const now = options.now ?? new Date();
	const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
	const claimed = await claimDue(db, now, options.limit ?? 20);
	for (const row of claimed) {
		let messageId: string;
		try {
			({ messageId } = await transport.send(toMessage(row)));
		} catch (error) {
			const attempts = row.attempts + 1;
			const failed = attempts >= MAX_ATTEMPTS;
			await db
				.update(mailOutbox)
				.set({
					status: failed ? 'failed' : 'pending',
					attempts,
					lastError: smtpAnswer(error),
					nextAttemptAt: new Date(now.getTime() + BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!)
				})
				.where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, 'sending')));
			report[failed ? 'failed' : 'retried']++;
			logEvent('warn', failed ? 'mail_failed' : 'mail_retry', { id: row.id, kind: row.kind, attempts });
			continue;
		}
		await db
			.update(mailOutbox)
			.set({ status: 'sent', attempts: sql`${mailOutbox.attempts} + 1`, sentAt: new Date(), messageId, lastError: null })
			.where(eq(mailOutbox.id, row.id));
		report.sent++;
		logEvent('info', 'mail_sent', { id: row.id, kind: row.kind, transport: transport.kind });
	}
	return report;
}
