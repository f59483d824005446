/**
 * A fresh, migrated database for one test (file): a new database on the
 * PostgreSQL server of the global setup when there is one, otherwise an
 * in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
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

/*
 * One fresh database per test, cheaply: the migrations run once per test file into a template,
 * and each test gets a copy of it.
 * - PGlite: the template's data directory is dumped once (dumpDataDir) and each test starts a new
 *   in-memory PGlite from that dump (loadDataDir), which skips initdb and the migrations.
 * - PostgreSQL: `CREATE DATABASE … TEMPLATE <migrated template>`, a file copy on the server.
 * Cost per test measured in docs/decisions/0006-lint-and-format.md.
 */

let pgliteTemplate: Promise<Blob> | undefined;
let postgresTemplate: Promise<string> | undefined;

async function pgliteDump(): Promise<Blob> {
	const template = await createTestDatabase();
	try {
		const client = (template.db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } }).$client;
		return await client.dumpDataDir('none');
	} finally {
		await template.close();
	}
}

async function postgresTemplateName(adminUrl: string): Promise<string> {
	// Only hex characters: safe to interpolate as an identifier. Never dropped: the server of the
	// global setup is thrown away at the end of the run.
	const name = `template_${randomBytes(8).toString('hex')}`;
	await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const template = await openDatabase({ databaseUrl: url.toString() });
	try {
		await migrate(template);
	} finally {
		// A template must have no open connection while it is copied.
		await template.close();
	}
	return name;
}

/** A fresh migrated database, copied from this file's template (made on first use). */
export async function createFreshDatabase(): Promise<Database> {
	const adminUrl = inject('pgAdminUrl');
	if (!adminUrl) {
		const dump = await (pgliteTemplate ??= pgliteDump());
		const { PGlite } = await import('@electric-sql/pglite');
		const { drizzle } = await import('drizzle-orm/pglite');
		const schema = await import('../../src/lib/server/db/schema');
		const client = await PGlite.create({ loadDataDir: dump });
		let closing: Promise<void> | undefined;
		return {
			db: drizzle({ client, schema }) as unknown as Database['db'],
			kind: 'pglite',
			exec: async (text) => void (await client.exec(text)),
			close: () => (closing ??= client.close())
		};
	}

	const template = await (postgresTemplate ??= postgresTemplateName(adminUrl));
	const name = `t_${randomBytes(8).toString('hex')}`;
	await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
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
	return { ...database, close };
}

/**
 * Reference tables whose rows the migrations insert (the national list of activity types): a
 * freshly migrated database holds them, so emptying keeps them.
 */
const MIGRATED_REFERENCE_TABLES = ['activity_types', 'intervention_kinds', 'job_families'];

/**
 * Empties every table of the `public` schema but the migrated reference tables, and restarts their
 * identity sequences: what a freshly migrated database holds (Drizzle's journal lives in the
 * `drizzle` schema and is kept). One statement, milliseconds, on PGlite and PostgreSQL alike.
 */
export async function emptyAllTables(database: Database): Promise<void> {
	await database.exec(`do $$
declare names text;
begin
	select string_agg(format('%I.%I', schemaname, tablename), ', ') into names from pg_tables where schemaname = 'public' and tablename not in (${MIGRATED_REFERENCE_TABLES.map((t) => `'${t}'`).join(', ')});
	if names is not null then
		execute 'truncate table ' || names || ' restart identity cascade';
	end if;
end $$`);
}

/**
 * Gives every test of the file an empty migrated database, so that no test reads what another
 * left behind and each can run alone (`vitest -t`). `setup` seeds what every test needs.
 *
 * One database per file, emptied before each test (`emptyAllTables`): the same starting state as a
 * new copy of the migrated template, for milliseconds instead of seconds per test (measured in
 * docs/decisions/0006-lint-and-format.md).
 *
 *   const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
 *   it('…', async () => { const { database, t } = fresh(); … });
 */
export function freshDatabasePerTest<T extends object = object>(setup?: (database: Database) => Promise<T | void>): () => { database: Database } & T {
	let database: Database | undefined;
	let current: ({ database: Database } & T) | undefined;
	// The database (initdb + migrations) is made in its own hook, so that its cost does not count
	// against the first test's beforeEach timeout.
	beforeAll(async () => {
		database = await createTestDatabase();
	}, 300_000);
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		if (!database) throw new Error('freshDatabasePerTest(): the database was not created');
		await emptyAllTables(database);
		const seeded = (await setup?.(database)) ?? {};
		current = { database, ...seeded } as { database: Database } & T;
	});
	afterEach(() => {
		current = undefined;
	});
	return () => {
		if (!current) throw new Error('freshDatabasePerTest(): the database exists only inside a test');
		return current;
	};
}
