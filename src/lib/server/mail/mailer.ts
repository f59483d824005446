import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { config } from '../config';
import { logEvent } from '../log';

export interface Mail {
	to: string;
	subject: string;
	text: string;
}

/**
 * E-mail with real SMTP semantics: with SMTP_URL, messages go to that SMTP server; otherwise
 * (development and tests) the same RFC 5322 message is written to DATA_DIR/outbox/*.eml.
 */
export async function sendMail(mail: Mail): Promise<void> {
	const from = process.env.MAIL_FROM ?? 'Mixité Industrie <ne-pas-repondre@mixite-industrie.local>';
	if (process.env.SMTP_URL) {
		await nodemailer.createTransport(process.env.SMTP_URL).sendMail({ from, ...mail });
		logEvent('info', 'mail_sent', { subject: mail.subject });
		return;
	}
	const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	const info = await transport.sendMail({ from, ...mail });
	const dir = outboxDir();
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${Date.now()}-${crypto.randomBytes(4).toString('hex')}.eml`);
	fs.writeFileSync(file, info.message as Buffer, { mode: 0o600 });
	logEvent('info', 'mail_outbox', { subject: mail.subject });
}

export function outboxDir(): string {
	return path.join(config().dataDir, 'outbox');
}
