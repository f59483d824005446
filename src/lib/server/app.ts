import type { Auth } from './accounts/auth';
import { resolveAuthSecret } from './accounts/auth-cookies';
import { openConfiguredDatabase, prepareDatabase } from './bootstrap';
import { config } from './config';
import type { Database } from './db/client';
import { setLogKey } from './log';
import { startOutboxLoop, type OutboxLoop } from './outbox/outbox.loop';
import { createMailTransport } from './outbox/outbox.transport';
import { JOBS } from './jobs/jobs.list';
import { startScheduler, type Scheduler } from './jobs/jobs.runner';

export interface App {
	database: Database;
	/**
	 * better-auth, loaded and made with the first request that carries a session or signs in: its
	 * half a second of loading is not part of every start (issue #9).
	 */
	auth(): Promise<Auth>;
	/** Sends the outbox (SMTP_URL, or DATA_DIR/outbox files) every few seconds and at once after an enqueue. */
	outbox: OutboxLoop;
	/** Runs the scheduled jobs (jobs.list.ts) this instance holds the lease of. */
	scheduler: Scheduler;
}

let app: App | null = null;

/** Opens the database and auth once per process (called from the server's init hook). */
export async function startApp(): Promise<App> {
	if (app) return app;
	const database = await openConfiguredDatabase();
	try {
		await prepareDatabase(database);
	} catch (error) {
		await database.close();
		throw error;
	}
	const c = config();
	const secret = resolveAuthSecret(c.dataDir);
	setLogKey(secret);
	let auth: Promise<Auth> | undefined;
	app = {
		database,
		auth: () => (auth ??= import('./accounts/auth').then(({ createAuth }) => createAuth(database.db, { baseURL: c.baseURL, secret }))),
		outbox: startOutboxLoop(database.db, createMailTransport(), { intervalMs: Number(process.env.OUTBOX_POLL_MS ?? 5_000) }),
		scheduler: startScheduler(database.db, JOBS)
	};
	return app;
}

export function getApp(): App {
	if (!app) throw new Error('Application not started');
	return app;
}

export async function stopApp(): Promise<void> {
	const current = app;
	app = null;
	// Both finish what they are doing before the database closes.
	await Promise.all([current?.outbox.stop(), current?.scheduler.stop()]);
	await current?.database.close();
}
