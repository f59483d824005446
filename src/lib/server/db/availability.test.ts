import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { user } from '../accounts/accounts.table';
import { errorFields, statementName } from '../log';
import { databaseUnavailable, DatabaseUnavailableError, isDatabaseUnavailable } from './availability';
import type { Database } from './client';

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.close());

async function caught(work: () => Promise<unknown>): Promise<unknown> {
	try {
		await work();
	} catch (e) {
		return e;
	}
	throw new Error('expected a failure');
}

/** A local port nobody listens on: the connection is refused as when PostgreSQL is stopped. */
async function closedPort(): Promise<number> {
	const server = net.createServer().listen(0, '127.0.0.1');
	await new Promise((r) => server.once('listening', r));
	const port = (server.address() as net.AddressInfo).port;
	await new Promise((r) => server.close(r));
	return port;
}

describe('database unavailable: one classification', () => {
	it('a refused connection is an outage, and becomes a DatabaseUnavailableError', async () => {
		const client = new pg.Client({ connectionString: `postgres://nobody@127.0.0.1:${await closedPort()}/none`, connectionTimeoutMillis: 2_000 });
		const error = await caught(() => client.connect());
		expect(isDatabaseUnavailable(error)).toBe(true);
		expect(databaseUnavailable(error)).toBeInstanceOf(DatabaseUnavailableError);
		expect(isDatabaseUnavailable(new Error('wrapper', { cause: error }))).toBe(true);
	});

	it('a refused value (unique violation) is not an outage', async () => {
		await database.db.insert(user).values({ id: 'u1', name: 'Camille', email: 'camille@example.fr' });
		const error = await caught(() => database.db.insert(user).values({ id: 'u2', name: 'Camille', email: 'camille@example.fr' }));
		expect(isDatabaseUnavailable(error)).toBe(false);
		expect(databaseUnavailable(error)).toBeNull();
	});
});

describe('error logs carry codes and names, never the values', () => {
	it('a failed insert is logged by SQLSTATE, constraint and statement, without the e-mail or the SQL', async () => {
		const error = await caught(() => database.db.insert(user).values({ id: 'u3', name: 'Dominique', email: 'camille@example.fr' }));
		// What Drizzle and PostgreSQL say does quote the value: the reason for errorFields.
		expect(String(error) + String((error as { cause?: { detail?: string } }).cause?.detail)).toContain('camille@example.fr');
		const fields = errorFields(error);
		expect(fields).toMatchObject({ code: '23505', statement: 'insert user', table: 'user' });
		expect(fields.constraint).toMatch(/email/);
		expect(JSON.stringify(fields)).not.toMatch(/camille|Dominique|u3|params|insert into/i);
	});

	it('an error without SQL keeps its own message', () => {
		expect(errorFields(new TypeError('x is not a function'))).toEqual({ error: 'TypeError', message: 'x is not a function' });
	});

	it('names statements by verb and table', () => {
		expect(statementName('insert into "activities" ("title") values ($1)')).toBe('insert activities');
		expect(statementName('update "user" set "email" = $1 where "id" = $2')).toBe('update user');
		expect(statementName('delete from "session" where "token" = $1')).toBe('delete session');
		expect(statementName('select "id" from "api_tokens" where "hash" = $1')).toBe('select api_tokens');
		expect(statementName('commit')).toBe('commit');
	});
});
