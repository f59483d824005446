import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '../support/serve';
import { startPostgres } from '../support/pg-server';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
	for (const c of cleanups.reverse()) await c();
});

describe('the server process', () => {
	it('SIGTERM lets the request in flight finish, then closes the embedded database cleanly', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-life-'));
		cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
		const server = await serve({ DATA_DIR: dataDir });
		expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
		expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
		const lock = path.join(dataDir, 'pglite', 'mixite.lock');
		expect(fs.existsSync(lock)).toBe(true);
		const inFlight = fetch(`${server.base}/t/flandre-saint-omer/indicateur`);
		await new Promise((r) => setTimeout(r, 5));
		server.child.kill('SIGTERM');
		expect((await inFlight).status).toBe(200);
		expect(await server.exited).toBe(0);
		expect(fs.existsSync(lock)).toBe(false);
		// Restarting on the same data dir works: nothing was left half-open.
		const again = await serve({ DATA_DIR: dataDir });
		expect((await fetch(`${again.base}/readyz`)).status).toBe(200);
		again.child.kill('SIGTERM');
		expect(await again.exited).toBe(0);
	});

	it('a second server on the same data dir is refused with a clear message', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-life-'));
		cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
		const first = await serve({ DATA_DIR: dataDir });
		const second = await serve({ DATA_DIR: dataDir }).catch((e: Error) => e);
		expect(second).toBeInstanceOf(Error);
		expect((second as Error).message).toContain('déjà ouvert par un autre processus');
		expect((await fetch(`${first.base}/readyz`)).status).toBe(200);
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
	});

	it('with DATABASE_URL the same platform runs on PostgreSQL, seeded with the default territory', async () => {
		const pg = await startPostgres();
		cleanups.push(() => pg.stop());
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-pg-'));
		cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
		const server = await serve({ DATABASE_URL: pg.url, DATA_DIR: dataDir });
		expect(server.output()).toMatch(/\/installation\/[\w-]{40,}/);
		expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
		const plan = await (await fetch(`${server.base}/api/v1/territories/flandre-saint-omer/plan`)).json();
		expect(plan.data.initiatives).toHaveLength(4);
		expect(plan.data.epcis.reduce((n: number, e: { communes: number }) => n + e.communes, 0)).toBe(147);
		server.child.kill('SIGTERM');
		expect(await server.exited).toBe(0);
	});
});

describe('HTTP: nothing is written without signing in, and bad input never produces a 500', () => {
	it('anonymous writes are sent to sign in; malformed requests get 4xx', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-http-'));
		cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
		const server = await serve({ DATA_DIR: dataDir });
		cleanups.push(async () => {
			server.child.kill('SIGTERM');
			await server.exited;
		});
		const post = (p: string, body: string, headers: Record<string, string> = {}) =>
			fetch(`${server.base}${p}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: server.base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
				body
			});
		const anonymous = await post('/t/flandre-saint-omer/actions/nouvelle', 'title=x&initiativeId=1');
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/connexion/);
		expect((await post('/t/flandre-saint-omer/plan', 'startsOn=2020-01-01')).status).toBe(303);
		const forged = await post('/t/flandre-saint-omer/actions/nouvelle', 'title=x', { origin: 'https://evil.example' });
		expect(forged.status).toBe(403);
		// The activity records are not public: anonymous visitors are sent to sign in, whatever the id.
		for (const p of ['/t/flandre-saint-omer/actions/1', '/t/flandre-saint-omer/actions/99999999999', '/t/flandre-saint-omer/actions/1e3', '/t/flandre-saint-omer/actions?from=zz&page=-4&initiativeId=abc&audience=%27;drop']) {
			const response = await fetch(`${server.base}${p}`, { redirect: 'manual' });
			expect(response.status, p).toBe(303);
			expect(response.headers.get('location'), p).toMatch(/^\/connexion\?redirect=/);
		}
		for (const p of ['/t/%00/actions', '/t/inconnu/indicateur', '/t/flandre-saint-omer/nimporte-quoi']) {
			expect((await fetch(`${server.base}${p}`)).status, p).toBe(404);
		}
		const garbage = await fetch(`${server.base}/t/flandre-saint-omer/indicateur?schoolYear=zz&fromMonth=2025-13&initiativeId=99999999999999`);
		expect(garbage.status).toBe(200);
		const api = await fetch(`${server.base}/api/v1/territories/flandre-saint-omer/indicator?schoolYear=1999-1&fromMonth=13`);
		expect(api.status).toBe(200);
		expect((await post('/connexion', 'email=' + 'a'.repeat(5000) + '&password=x')).status).toBe(400);
		expect((await post('/installation/not-a-token', 'name=x&email=a@b.fr&password=123456789012&passwordConfirm=123456789012')).status).toBe(400);
		expect(server.output()).not.toContain('"status":500');
	});
});
