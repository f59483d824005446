import { createHmac, randomBytes } from 'node:crypto';

let accountKey: string | Buffer = randomBytes(32);

/** Keys the account references of the logs (set from the auth secret at start-up). */
export function setLogKey(key: string): void {
	accountKey = key;
}

/** One JSON line per event on stdout; never secrets, tokens or passwords. */
export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
	if (process.env.LOG_LEVEL === 'silent' || (level === 'info' && process.env.LOG_LEVEL === 'warn')) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
	if (level === 'error') console.error(line);
	else console.log(line);
}

/**
 * A stable reference to an account in security logs: an HMAC of the e-mail keyed with the
 * platform's secret, so that logs carry no address and a guessed address cannot be tested.
 */
export function accountRef(email: unknown): string {
	return createHmac('sha256', accountKey).update(String(email ?? '').trim().toLowerCase()).digest('hex').slice(0, 16);
}
