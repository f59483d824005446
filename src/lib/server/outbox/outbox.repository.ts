import type { Db } from '../db/client';
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
