import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import { rows } from './fixtures';
import { createMailTransport } from '../../src/lib/server/outbox/outbox.transport';
import { deliverDue } from '../../src/lib/server/outbox/outbox.worker';

/**
 * The newest message to `to` in the development outbox (DATA_DIR/outbox), quoted-printable
 * decoded. A running server's worker writes it shortly after the action: this waits for it (up
 * to `timeoutMs`); `since` (Date.now() before the action) skips older messages to the same address.
 * Without a server, pass `db`: the outbox is delivered once first, as the worker would.
 */
export async function lastMail(dataDir: string, to?: string, options: { db?: Db; timeoutMs?: number; since?: number } = {}): Promise<string> {
	if (options.db) {
		const transport = createMailTransport('');
		await deliverDue(options.db, transport, { limit: 1000 });
		transport.close();
	}
	const deadline = Date.now() + (options.timeoutMs ?? 10_000);
	for (;;) {
		try {
			return newestMail(dataDir, to, options.since ?? 0);
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}

function newestMail(dataDir: string, to: string | undefined, since: number): string {
	const dir = path.join(dataDir, 'outbox');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
	for (const file of files) {
		if (Number.parseInt(file, 10) < since) break;
		const raw = fs.readFileSync(path.join(dir, file), 'utf8');
		const decoded = raw.replace(/=\r?\n/g, '').replace(/((?:=[0-9A-F]{2})+)/g, (seq) =>
			Buffer.from(
				seq
					.split('=')
					.slice(1)
					.map((h) => parseInt(h, 16))
			).toString('utf8')
		);
		if (!to || new RegExp(`^To: ${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').test(decoded)) return decoded;
	}
	throw new Error(`No e-mail${to ? ` to ${to}` : ''} in ${dir}`);
}

export function linkIn(mail: string, pathPrefix: string): string {
	const match = new RegExp(`https?://[^\\s]+${pathPrefix}[^\\s]+`).exec(mail);
	if (!match) throw new Error(`No ${pathPrefix} link in:\n${mail}`);
	return match[0];
}

/** Every message queued in the outbox, oldest first. */
export function outbox(db: Db) {
	return rows<{ kind: string; to_address: string; subject: string; text_body: string; attachments: { content: string; method: string }[] }>(
		db,
		sql`select kind, to_address, subject, text_body, attachments from mail_outbox order by id`
	);
}
