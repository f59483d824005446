import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm';
import * as schema from './schema';
import { acquireDataDirLock } from './lock';

export type Schema = typeof schema;
/** A database or a transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** Runs plain SQL (migrations of tests, checks). */
	exec(sqlText: string): Promise<void>;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** postgres://… : PostgreSQL. Otherwise the embedded PGlite in dataDir. */
	databaseUrl?: string;
	/** Embedded data directory; 'memory://' for a throw-away database. */
	dataDir?: string;
	/** Called with every SQL statement (tests assert which tables pages read). */
	logger?: Logger;
}

export function migrationsFolder(): string {
	return process.env.MIGRATIONS_DIR ?? path.resolve(process.cwd(), 'drizzle');
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
	if (options.databaseUrl) {
		const pg = await import('pg');
		const { drizzle } = await import('drizzle-orm/node-postgres');
		const pool = new pg.default.Pool({ connectionString: options.databaseUrl, max: Number(process.env.DB_POOL_SIZE ?? 10) });
		// An idle connection closed by the server (restart, failover) must not crash the process.
		pool.on('error', (error) => console.error(JSON.stringify({ level: 'warn', event: 'db_idle_client_error', code: (error as { code?: string }).code })));
		const db = drizzle({ client: pool, schema, logger: options.logger }) as unknown as Db;
		return {
			db,
			kind: 'postgres',
			exec: async (text) => void (await pool.query(text)),
			close: () => pool.end()
		};
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const dataDir = options.dataDir ?? 'memory://';
	const release = dataDir.startsWith('memory://') ? () => {} : acquireDataDirLock(path.resolve(dataDir));
	try {
		const client = await PGlite.create(dataDir.startsWith('memory://') ? undefined : path.resolve(dataDir));
		const db = drizzle({ client, schema, logger: options.logger }) as unknown as Db;
		return {
			db,
			kind: 'pglite',
			exec: async (text) => void (await client.exec(text)),
			close: async () => {
				try {
					await client.close();
				} finally {
					release();
				}
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}

export async function migrate(database: Database): Promise<void> {
	const folder = migrationsFolder();
	if (database.kind === 'postgres') {
		const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
		await run(database.db as never, { migrationsFolder: folder });
	} else {
		const { migrate: run } = await import('drizzle-orm/pglite/migrator');
		await run(database.db as never, { migrationsFolder: folder });
	}
}
