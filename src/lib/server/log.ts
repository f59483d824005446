/** One JSON line per event on stdout; never secrets, tokens or passwords. */
export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
	if (process.env.LOG_LEVEL === 'silent' || (level === 'info' && process.env.LOG_LEVEL === 'warn')) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
	if (level === 'error') console.error(line);
	else console.log(line);
}
