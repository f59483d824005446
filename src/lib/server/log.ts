import { createHash } from 'node:crypto';

/** One JSON line per event on stdout; never secrets, tokens or passwords. */
export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
	if (process.env.LOG_LEVEL === 'silent' || (level === 'info' && process.env.LOG_LEVEL === 'warn')) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
	if (level === 'error') console.error(line);
	else console.log(line);
}

/** A stable, non-reversible reference to an account in security logs (no e-mail in clear). */
export function accountRef(email: unknown): string {
	return createHash('sha256').update(String(email ?? '').trim().toLowerCase()).digest('hex').slice(0, 16);
}
