import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm';
import * as schema from './schema';
import type { Pool, PoolClient } from 'pg';
import { acquireDataDirLock } from './lock';
import { startFromTemplate } from './pglite-template';
import { eventLoopReportEnabled, timeEmbeddedQueries } from './query-timing';
import { errorFields, logEvent } from '../log';

export type Schema = typeof schema;
/** A database or a transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** A new embedded data directory, filled from the build's template (pglite-template.ts) as it opened. */
	fromTemplate?: boolean;
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
		const { drizzle } = await import('drizzle-orm/node-postgres');
		const pool = await createPool(options.databaseUrl);
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
		const onDisk = dataDir.startsWith('memory://') ? undefined : path.resolve(dataDir);
		// A first start copies the build's template instead of running initdb (pglite-template.ts).
		const fromTemplate = onDisk ? startFromTemplate(onDisk) : false;
		const client = await PGlite.create(onDisk);
		// The crowd benchmark's measure of each statement's hold on the main thread (query-timing.ts).
		if (eventLoopReportEnabled()) timeEmbeddedQueries(client);
		const db = drizzle({ client, schema, logger: options.logger }) as unknown as Db;
		return {
			db,
			kind: 'pglite',
			fromTemplate,
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

/** How long a request waits for a connection before it is answered "database unavailable". */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The PostgreSQL pool, made to outlive the database's outages (restart, failover, network):
 * - node-postgres emits 'error' on a client whose connection dies; with no listener that is an
 *   uncaught exception that kills the process. The pool listens on its idle clients only, so every
 *   client gets its own listener for its whole life, idle or inside a transaction;
 * - a client checked out by Drizzle's transaction is released by Drizzle, except when `begin`
 *   itself fails: a lost connection there would hold the pool's slot for ever (after `max` of them
 *   every request waits). A checked-out client whose connection ended is given back at once, and
 *   its user's later release does nothing;
 * - connecting gives up after CONNECT_TIMEOUT_MS instead of waiting with the request.
 * The failed queries themselves reject as usual and become a 503 (db/availability.ts).
 */
async function createPool(connectionString: string): Promise<Pool> {
	const pg = (await import('pg')).default;
	const pool = new pg.Pool({
		connectionString,
		max: Number(process.env.DB_POOL_SIZE ?? 10),
		connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
		keepAlive: true
	});
	pool.on('connect', (client) => {
		client.on('error', (error) => logEvent('warn', 'db_connection_lost', errorFields(error)));
	});
	// The client's own listener above has logged it; the pool has dropped the client.
	pool.on('error', () => {});
	const connect = pool.connect.bind(pool) as (callback?: unknown) => unknown;
	// pool.query uses the callback form and releases by itself; Drizzle's transactions use the promise form.
	(pool as unknown as { connect: (callback?: unknown) => unknown }).connect = (callback?: unknown) =>
		callback ? connect(callback) : (connect() as Promise<PoolClient>).then(releasedWhenLost);
	return pool;
}

function releasedWhenLost(client: PoolClient): PoolClient {
	const release = client.release;
	let released = false;
	const lost = () => {
		if (released) return;
		released = true;
		release(new Error('Connection ended while checked out'));
	};
	client.once('end', lost);
	client.release = (error?: Error | boolean) => {
		if (released) return;
		released = true;
		client.removeListener('end', lost);
		release(error);
	};
	return client;
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
