/**
 * The built server on a real PostgreSQL that stops and starts again under concurrent writes
 * (issue #6, B1), and error logs that carry no values (B5).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { like } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { activities } from '../../src/lib/server/activities/activities.table';
import { openDatabase } from '../../src/lib/server/db/client';
import { compareAggregates } from '../../src/lib/server/indicator/indicator.consistency';
import { prepareArcApi } from '../support/api-setup';
import { runCli } from '../support/cli';
import { startPostgres, type PostgresServer } from '../support/pg-server';
import { serve, stopServer, type ServedApp } from '../support/serve';
import { doneActivity } from '../support/fixtures';

const TERRITORY = 'flandre-saint-omer';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-outage-'));
let postgres: PostgresServer;
let server: ServedApp;
let token = '';
let initiativeId = 0;
let postgresStopped = false;

beforeAll(async () => {
	postgres = await startPostgres();
	const database = await openDatabase({ databaseUrl: postgres.url });
	try {
		const api = await prepareArcApi(database, ['Outil Arc']);
		initiativeId = api.arcInitiative;
		token = api.tokens[0]!.token;
	} finally {
		await database.close();
	}
	server = await serve({ DATA_DIR: dataDir, DATABASE_URL: postgres.url });
});

// A failed assertion during an outage must not leave the next test without its database.
afterEach(async () => {
	if (postgresStopped) await postgres.startCluster();
	postgresStopped = false;
});

afterAll(async () => {
	if (server) await stopServer(server);
	if (postgres) await postgres.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function api(method: string, route: string, body?: unknown) {
	return fetch(`${server.base}/api/v1/territories/${TERRITORY}/${route}`, {
		method,
		headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

function activity(title: string) {
	return doneActivity(initiativeId, { title, audiences: [{ audience: 'girls', level: 'lycee_pro', count: 3 }] });
}

/** Polls until `ready` holds; the bound only stops a broken run, it is not a speed target. */
async function waitUntil(what: string, ready: () => Promise<boolean> | boolean, boundMs = 120_000): Promise<void> {
	const deadline = Date.now() + boundMs;
	while (Date.now() < deadline) {
		if (await ready()) return;
		await sleep(100);
	}
	throw new Error(`still waiting for: ${what}\n--- server output ---\n${server.output().slice(-3000)}`);
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: postgres.url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

describe('PostgreSQL stops and starts again while partners record activities', () => {
	it('keeps the server up, answers 503 in French with Retry-After meanwhile, recovers by itself and loses no acknowledged write', async () => {
		const acknowledged = new Map<string, number>();
		const statuses = new Map<number, number>();
		const networkErrors: string[] = [];
		let writing = true;

		async function writer(n: number) {
			for (let i = 0; writing; i++) {
				const title = `Atelier panne ${n}-${i}`;
				let ok = false;
				try {
					const response = await api('POST', 'activities', activity(title));
					statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
					ok = response.ok;
					if (ok) acknowledged.set(title, (await response.json()).data.id);
					else await response.body?.cancel();
				} catch (e) {
					networkErrors.push(String(e));
				}
				// During an outage every answer is immediate: do not spin.
				if (!ok) await sleep(50);
			}
		}
		const writers = Array.from({ length: 4 }, (_, n) => writer(n));

		try {
			for (let round = 1; round <= 3; round++) {
				const before = acknowledged.size;
				await waitUntil('writes acknowledged before the outage', () => acknowledged.size >= before + 8);
				await postgres.stopCluster();
				postgresStopped = true;

				const page = await fetch(`${server.base}/`, { headers: { accept: 'text/html' } });
				expect(page.status).toBe(503);
				expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
				expect(page.headers.get('content-type')).toMatch(/^text\/html/);
				const html = await page.text();
				expect(html).toContain('lang="fr"');
				expect(html).toContain('Service momentanément indisponible');

				const territoryPage = await fetch(`${server.base}/t/${TERRITORY}/indicateur`, { headers: { accept: 'text/html' } });
				expect(territoryPage.status).toBe(503);
				expect(territoryPage.headers.get('retry-after')).toMatch(/^\d+$/);
				expect(await territoryPage.text()).toContain('Service momentanément indisponible');

				// Client-side navigation asks SvelteKit's JSON: the same 503, in the shape its client reads.
				const data = await fetch(`${server.base}/__data.json`);
				expect(data.status).toBe(503);
				expect(data.headers.get('retry-after')).toMatch(/^\d+$/);
				expect(await data.text()).toContain('database_unavailable');

				const list = await api('GET', 'activities');
				expect(list.status).toBe(503);
				expect(list.headers.get('retry-after')).toMatch(/^\d+$/);
				expect(await list.json()).toEqual({ error: 'database_unavailable', message: expect.stringContaining('base de données') });

				const ready = await fetch(`${server.base}/readyz`);
				expect(ready.status).toBe(503);
				await ready.body?.cancel();

				// Writers keep hitting the stopped database for a moment.
				await sleep(300);
				expect(server.child.exitCode, server.output().slice(-3000)).toBeNull();

				await postgres.startCluster();
				postgresStopped = false;
				await waitUntil('the API answers again', async () => {
					const response = await api('GET', 'activities');
					await response.body?.cancel();
					return response.status === 200;
				});
				await waitUntil('the home page answers again', async () => {
					const response = await fetch(`${server.base}/`);
					await response.body?.cancel();
					return response.status === 200;
				});
				const readyAgain = await fetch(`${server.base}/readyz`);
				expect(readyAgain.status).toBe(200);
				await readyAgain.body?.cancel();
			}
			const before = acknowledged.size;
			await waitUntil('writes acknowledged after the last outage', () => acknowledged.size >= before + 8);
		} finally {
			writing = false;
			await Promise.all(writers);
		}

		expect(server.child.exitCode, server.output().slice(-3000)).toBeNull();
		expect(networkErrors).toEqual([]);
		// The outage is logged as such, and the failed inserts' titles never reach the logs.
		expect(server.output()).toContain('"event":"database_unavailable"');
		expect(server.output()).not.toContain('Atelier panne');
		// Every answer is either the write or the outage, never a 500.
		expect([...statuses.keys()].sort()).toEqual([201, 503]);

		const stored = await withClient(async (client) => {
			const result = await client.query<{ id: number; title: string }>("select id, title from activities where title like 'Atelier panne %'");
			return new Map(result.rows.map((r) => [r.title, r.id]));
		});
		for (const [title, id] of acknowledged) expect(stored.get(title), title).toBe(id);

		const database = await openDatabase({ databaseUrl: postgres.url });
		try {
			expect((await compareAggregates(database.db)).filter((d) => d.missing || d.extra)).toEqual([]);
			expect((await database.db.select({ id: activities.id }).from(activities).where(like(activities.title, 'Atelier panne %'))).length).toBe(stored.size);
		} finally {
			await database.close();
		}
		const check = await runCli(['check'], { DATA_DIR: dataDir, DATABASE_URL: postgres.url });
		expect(check.code, check.stdout + check.stderr).toBe(0);
	}, 600_000);
});

describe('A failed query is logged by its SQLSTATE and names, never by the values typed', () => {
	it('logs the code, the constraint and the table of a refused insert, not the title', async () => {
		const secret = 'Titre-Confidentiel-7Q9';
		await withClient((client) => client.query(`alter table activities add constraint test_refuses_secret check (title <> '${secret}')`));
		try {
			const start = server.output().length;
			const response = await api('POST', 'activities', activity(secret));
			expect(response.status).toBe(500);
			await response.body?.cancel();
			await waitUntil('the error is logged', () => server.output().slice(start).includes('"event":"unhandled"'), 20_000);
			const logged = server.output().slice(start);
			expect(logged).toContain('"code":"23514"');
			expect(logged).toContain('test_refuses_secret');
			expect(logged).toContain('"table":"activities"');
			expect(logged).not.toContain(secret);
			expect(logged).not.toMatch(/insert into|params:/i);
		} finally {
			await withClient((client) => client.query('alter table activities drop constraint test_refuses_secret'));
		}
	});
});
