import fs from 'node:fs';
import path from 'node:path';

/** The newest message of the development outbox (DATA_DIR/outbox), quoted-printable decoded. */
export function lastMail(dataDir: string, to?: string): string {
	const dir = path.join(dataDir, 'outbox');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
	for (const file of files) {
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
