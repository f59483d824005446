/**
 * A fresh, migrated database for one test (file): a new database on the
 * PostgreSQL server of the global setup when there is one, otherwise an
 * in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/lib/server/db/client';

export function testDbKind(): 'postgres' | 'pglite' {
	return inject('pgAdminUrl') ? 'postgres' : 'pglite';
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

export async function createTestDatabase(): Promise<Database> {
	const adminUrl = inject('pgAdminUrl');
	if (!adminUrl) {
		const database = await openDatabase({ dataDir: 'memory://' });
		let closing: Promise<void> | undefined;
		const wrapped: Database = { ...database, close: () => (closing ??= database.close()) };
		try {
			await migrate(wrapped);
		} catch (error) {
			await wrapped.close().catch(() => {});
			throw error;
		}
		return wrapped;
	}

	// Only hex characters: safe to interpolate as an identifier.
	const name = `t_${randomBytes(8).toString('hex')}`;
	await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
	const drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);

	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	let database: Database;
	try {
		database = await openDatabase({ databaseUrl: url.toString() });
	} catch (error) {
		await drop().catch(() => {});
		throw error;
	}

	let closing: Promise<void> | undefined;
	const close = () =>
		(closing ??= (async () => {
			try {
				await database.close();
			} finally {
				await drop();
			}
		})());
	const wrapped: Database = { ...database, close };

	try {
		await migrate(wrapped);
	} catch (error) {
		await close().catch(() => {});
		throw error;
	}
	return wrapped;
}
