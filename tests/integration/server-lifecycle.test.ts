import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { serve, serveWithNpmStart, type ServedApp } from '../support/serve';
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
		// The plan editor's actions are named (?/general, ?/add…): each sends an anonymous writer to sign in too.
		expect((await post('/t/flandre-saint-omer/plan?/general', 'startsOn=2020-01-01')).status).toBe(303);
		const forged = await post('/t/flandre-saint-omer/actions/nouvelle', 'title=x', { origin: 'https://evil.example' });
		expect(forged.status).toBe(403);
		// The activity records are not public: anonymous visitors are sent to sign in, whatever the id.
		for (const p of [
			'/t/flandre-saint-omer/actions/1',
			'/t/flandre-saint-omer/actions/99999999999',
			'/t/flandre-saint-omer/actions/1e3',
			'/t/flandre-saint-omer/actions?from=zz&page=-4&initiativeId=abc&audience=%27;drop'
		]) {
			const response = await fetch(`${server.base}${p}`, { redirect: 'manual' });
			expect(response.status, p).toBe(303);
			expect(response.headers.get('location'), p).toMatch(/^\/connexion\?redirect=/);
		}
		for (const p of ['/t/%00/actions', '/t/inconnu/indicateur', '/t/flandre-saint-omer/nimporte-quoi']) {
			expect((await fetch(`${server.base}${p}`)).status, p).toBe(404);
		}
		const garbage = await fetch(`${server.base}/t/flandre-saint-omer/indicateur?schoolYear=zz&fromMonth=2025-13&initiativeId=99999999999999`);
		expect(garbage.status).toBe(200);
		// The API refuses a wrong parameter in French (422) rather than answering other figures.
		const api = await fetch(`${server.base}/api/v1/territories/flandre-saint-omer/indicator?schoolYear=1999-1&fromMonth=13`);
		expect(api.status).toBe(422);
		expect(Object.keys((await api.json()).fields).sort()).toEqual(['fromMonth', 'schoolYear']);
		expect((await post('/connexion', 'email=' + 'a'.repeat(5000) + '&password=x')).status).toBe(400);
		expect((await post('/installation/not-a-token', 'name=x&email=a@b.fr&password=123456789012&passwordConfirm=123456789012')).status).toBe(400);
		expect(server.output()).not.toContain('"status":500');
	});
});

/** Starting a real server takes a while on a loaded machine; the 60 s default covers the start alone. */
const SERVER_TEST_TIMEOUT = 400_000;

/** A form post to the server's socket with the Host and Origin a browser at `host` would send. */
function postForm(server: ServedApp, host: string, pathname: string, body: string, headers: Record<string, string> = {}) {
	const port = new URL(server.base).port;
	const all: Record<string, string> = {
		host: `${host}:${port}`,
		origin: `http://${host}:${port}`,
		accept: 'text/html',
		'content-type': 'application/x-www-form-urlencoded',
		...headers
	};
	for (const [name, value] of Object.entries(all)) if (value === '') delete all[name];
	return new Promise<{ status: number; type: string; location: string; cookie: string; body: string }>((resolve, reject) => {
		const request = http.request({ host: '127.0.0.1', port, path: pathname, method: 'POST', headers: all }, (response) => {
			let text = '';
			response.on('data', (d) => (text += d));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					type: String(response.headers['content-type'] ?? ''),
					location: String(response.headers.location ?? ''),
					cookie: String(response.headers['set-cookie'] ?? ''),
					body: text
				})
			);
		});
		request.on('error', reject);
		request.end(body);
	});
}

describe('the address the platform is opened at', () => {
	it(
		'without ORIGIN, forms work at localhost, 127.0.0.1 and [::1]; a form sent from another site is refused in French, saying what to do',
		async () => {
			const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-origin-'));
			cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
			const server = await serve({ DATA_DIR: dataDir, ORIGIN: '' });
			cleanups.push(async () => {
				server.child.kill('SIGTERM');
				await server.exited;
			});
			const port = new URL(server.base).port;
			const token = /\/installation\/([\w-]{40,})/.exec(server.output())![1]!;
			const account = `name=Claire&email=claire%40example.fr&password=un-mot-de-passe-solide&passwordConfirm=un-mot-de-passe-solide`;

			const forged = await postForm(server, '127.0.0.1', `/installation/${token}`, account, { origin: 'https://evil.example' });
			expect(forged.status).toBe(403);
			expect(forged.type).toContain('text/html');
			expect(forged.body).toContain('<html lang="fr">');
			expect(forged.body).toContain('Formulaire refusé');
			expect(forged.body).toContain(`http://localhost:${port}`);
			expect(forged.body).toContain('ORIGIN');
			expect(forged.body).not.toContain('Cross-site');
			const noOrigin = await postForm(server, '127.0.0.1', `/installation/${token}`, account, { origin: '' });
			expect(noOrigin.status).toBe(403);
			const english = await postForm(server, '127.0.0.1', `/installation/${token}`, account, { origin: 'https://evil.example', cookie: 'lang=en' });
			expect(english.body).toContain('Form refused');
			const json = await postForm(server, '127.0.0.1', `/installation/${token}`, account, { origin: 'https://evil.example', accept: 'application/json' });
			expect(json.status).toBe(403);
			expect(JSON.parse(json.body).message).toContain('Ouvrez la plateforme à son adresse');

			// The refused posts changed nothing: the one-time link still creates the account, at 127.0.0.1.
			const created = await postForm(server, '127.0.0.1', `/installation/${token}`, account);
			expect(created.status, created.body).toBe(303);
			expect(created.location).toContain('/compte/securite');
			expect(created.cookie).toContain('session_token');
			for (const host of ['localhost', '[::1]']) {
				const signIn = await postForm(server, host, '/connexion', 'email=claire%40example.fr&password=pas-le-bon-mot-de-passe');
				expect(signIn.status, host).toBe(400);
			}
		},
		SERVER_TEST_TIMEOUT
	);

	it(
		'with ORIGIN set, only ORIGIN is trusted: a form posted at 127.0.0.1 is refused with a page naming ORIGIN',
		async () => {
			const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-origin-'));
			cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
			const server = await serve({ DATA_DIR: dataDir });
			cleanups.push(async () => {
				server.child.kill('SIGTERM');
				await server.exited;
			});
			const elsewhere = await postForm(server, '127.0.0.1', '/connexion', 'email=a%40b.fr&password=pas-le-bon-mot-de-passe');
			expect(elsewhere.status).toBe(403);
			expect(elsewhere.body).toContain(`Ouvrez la plateforme à son adresse, <a href="${server.base}/">${server.base}</a>`);
			const there = await postForm(server, 'localhost', '/connexion', 'email=a%40b.fr&password=pas-le-bon-mot-de-passe');
			expect(there.status).toBe(400);
		},
		SERVER_TEST_TIMEOUT
	);

	it(
		'/readyz and /healthz answer in French',
		async () => {
			const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-ready-'));
			cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
			const server = await serve({ DATA_DIR: dataDir });
			cleanups.push(async () => {
				server.child.kill('SIGTERM');
				await server.exited;
			});
			expect(await (await fetch(`${server.base}/readyz`)).json()).toEqual({ status: 'ready', message: 'La plateforme est prête : la base de données répond.' });
			expect((await (await fetch(`${server.base}/healthz`)).json()).message).toBe('Le processus répond.');
		},
		SERVER_TEST_TIMEOUT
	);
});

describe('stopping what README starts', () => {
	it(
		'SIGTERM to `npm start` stops the server: npm exits once the database is closed and the lock released, and the data dir opens again',
		async () => {
			const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-npm-'));
			const lock = path.join(dataDir, 'pglite', 'mixite.lock');
			cleanups.push(() => {
				// Before the fix the server outlived npm: stop it so that it does not outlive the test.
				const pid = fs.existsSync(lock) ? Number.parseInt(fs.readFileSync(lock, 'utf8'), 10) : 0;
				if (pid) process.kill(pid, 'SIGKILL');
				fs.rmSync(dataDir, { recursive: true, force: true });
			});
			const server = await serveWithNpmStart({ DATA_DIR: dataDir });
			expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
			expect(fs.existsSync(lock)).toBe(true);
			server.child.kill('SIGTERM');
			expect(await server.exited).toBe(0);
			expect(fs.existsSync(lock)).toBe(false);
			expect(fs.existsSync(path.join(dataDir, 'control', 'mixite.sock'))).toBe(false);
			await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();
			const reopened = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
			await reopened.exec('select 1');
			await reopened.close();
		},
		SERVER_TEST_TIMEOUT
	);
});
