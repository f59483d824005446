import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SendMailOptions, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { config } from '../config';

/** What the worker gives the transport: nodemailer's message options. */
export type MailMessage = SendMailOptions;

/** Where messages go: an SMTP server (SMTP_URL), or files in DATA_DIR/outbox (development, tests). */
export interface MailTransport {
	kind: 'smtp' | 'files';
	send(message: MailMessage): Promise<{ messageId: string }>;
	close(): void;
}

export function mailFrom(): string {
	return process.env.MAIL_FROM ?? 'Mixité Industrie <ne-pas-repondre@mixite-industrie.local>';
}

export function outboxDir(): string {
	return path.join(config().dataDir, 'outbox');
}

/** Where this server's messages go: `smtp` with SMTP_URL, else `files` (they never leave the machine). */
export function mailDelivery(smtpUrl = process.env.SMTP_URL): MailTransport['kind'] {
	return smtpUrl ? 'smtp' : 'files';
}

/**
 * With SMTP_URL (smtp://user:pass@host:port, smtps://…), messages go to that SMTP server, with
 * short timeouts so that a server that does not answer fails the attempt instead of holding the
 * worker. Without it, the same RFC 5322 message is written to DATA_DIR/outbox/*.eml.
 */
export function createMailTransport(smtpUrl = process.env.SMTP_URL): MailTransport {
	if (smtpUrl) {
		const transporter = lazyTransporter({
			url: smtpUrl,
			connectionTimeout: 10_000,
			greetingTimeout: 10_000,
			socketTimeout: 30_000
		} as SMTPTransport.Options);
		return {
			kind: 'smtp',
			send: async (message) => ({ messageId: (await (await transporter.get()).sendMail(message)).messageId }),
			close: transporter.close
		};
	}
	const transporter = lazyTransporter({ streamTransport: true, buffer: true, newline: 'unix' });
	return {
		kind: 'files',
		async send(message) {
			const info = await (await transporter.get()).sendMail(message);
			const dir = outboxDir();
			fs.mkdirSync(dir, { recursive: true });
			// Sortable by time: tests read the newest first.
			const file = path.join(dir, `${Date.now()}-${process.hrtime.bigint()}-${crypto.randomBytes(4).toString('hex')}.eml`);
			fs.writeFileSync(file, info.message as Buffer, { mode: 0o600 });
			return { messageId: info.messageId };
		},
		close: transporter.close
	};
}

/** nodemailer, loaded with the first message rather than with the server (a faster start, issue #9). */
function lazyTransporter(options: object) {
	let made: Promise<Transporter> | undefined;
	return {
		get: () => (made ??= import('nodemailer').then((m) => m.default.createTransport(options))),
		close: () => void made?.then((transporter) => transporter.close())
	};
}

/** The SMTP server's answer (code and text) when there is one, otherwise the error's message. */
export function smtpAnswer(error: unknown): string {
	const e = error as { response?: unknown; message?: unknown };
	const answer = typeof e?.response === 'string' && e.response ? e.response : typeof e?.message === 'string' ? e.message : String(error);
	return answer.slice(0, 1000);
}
