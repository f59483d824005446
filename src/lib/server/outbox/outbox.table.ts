import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns';
import { territories } from '../territories/territories.table';

/** A file sent with a message (an .ics invitation); `content` is UTF-8 text. */
export interface OutboxAttachment {
	filename: string;
	contentType: string;
	content: string;
	/** iCalendar METHOD (REQUEST, CANCEL) when the attachment is an invitation. */
	method?: string;
}

/**
 * The transactional outbox: every e-mail is a row written in the same transaction as the change
 * that causes it; a worker sends pending rows over SMTP, with retries and back-off, claiming them
 * with FOR UPDATE SKIP LOCKED so that two server instances never send one message twice.
 */
export const mailOutbox = pgTable(
	'mail_outbox',
	{
		id: id(),
		/** Null for messages outside any territory (password reset, e-mail verification). */
		territoryId: integer('territory_id').references(() => territories.id, { onDelete: 'cascade' }),
		/** What the message is (invitation, request_received, proposal, reminder_7d…): for the outbox page. */
		kind: text('kind').notNull(),
		toAddress: text('to_address').notNull(),
		subject: text('subject').notNull(),
		textBody: text('text_body').notNull(),
		htmlBody: text('html_body').notNull(),
		attachments: jsonb('attachments').$type<OutboxAttachment[]>().notNull().default([]),
		/** pending | sending | sent | failed (failed: attempts exhausted; a coordinator may retry). */
		status: text('status').notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
		/** The SMTP server's answer to the last failed attempt. */
		lastError: text('last_error'),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		messageId: text('message_id'),
		createdAt: createdAt()
	},
	(t) => [index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt), index('mail_outbox_territory_idx').on(t.territoryId, t.createdAt)]
);
