import { createAuth, resolveAuthSecret, type Auth } from './accounts/auth';
import { openConfiguredDatabase, prepareDatabase } from './bootstrap';
import { config } from './config';
import type { Database } from './db/client';
import { setLogKey } from './log';

export interface App {
	database: Database;
	auth: Auth;
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
	app = { database, auth: createAuth(database.db, { baseURL: c.baseURL, secret }) };
	return app;
}

export function getApp(): App {
	if (!app) throw new Error('Application not started');
	return app;
}

export async function stopApp(): Promise<void> {
	const current = app;
	app = null;
	await current?.database.close();
}
