/**
 * The public pages' cache (issue #9 point 8, decision 0012) on the built server, on PGlite and, with
 * MIXITE_TEST_DB=postgres, on a real PostgreSQL: a page is rendered once per change of its data and
 * revalidated with its ETag; a write shows on the next request; nobody signed in and no other
 * language ever gets the kept page.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { prepareArcApi } from '../support/api-setup';
import { serve, stopServer, type ServedApp } from '../support/serve';
import { doneActivity } from '../support/fixtures';

const TERRITORY = 'flandre-saint-omer';
const INDICATOR = `/t/${TERRITORY}/indicateur`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-public-cache-'));
let app: ServedApp;
let token = '';
let initiativeId = 0;
let dropDatabase = async () => {};

async function admin(url: string, text: string) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

beforeAll(async () => {
	const adminUrl = inject('pgAdminUrl');
	let databaseUrl: string | undefined;
	if (adminUrl) {
		// Only hex characters: safe as an identifier.
		const name = `cache_${randomBytes(6).toString('hex')}`;
		await admin(adminUrl, `CREATE DATABASE "${name}"`);
		dropDatabase = () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
	}
	const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: path.join(dataDir, 'pglite') });
	try {
		const api = await prepareArcApi(database, ['Outil Arc']);
		token = api.tokens[0]!.token;
		initiativeId = api.arcInitiative;
	} finally {
		await database.close();
	}
	app = await serve({ DATA_DIR: dataDir, MIXITE_EVENT_LOOP_REPORT: '1', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
}, 300_000);

afterAll(async () => {
	if (app) await stopServer(app);
	await dropDatabase();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The server's own counters of its public cache (GET /__event-loop, only with MIXITE_EVENT_LOOP_REPORT=1). */
async function cacheCounters(): Promise<{ hits: number; notModified: number; misses: number }> {
	return (await (await fetch(`${app.base}/__event-loop`)).json()).cache;
}

function page(pathname: string, headers: Record<string, string> = {}) {
	return fetch(`${app.base}${pathname}`, { headers: { accept: 'text/html', ...headers } });
}

/** The number shown in the indicator's headline (French or English grouping). */
function participations(html: string): number {
	const shown = /data-testid="participations-total"[^>]*>([^<]+)</.exec(html)?.[1];
	expect(shown, 'the indicator shows its headline figure').toBeDefined();
	return Number(shown!.replace(/[^\d]/g, ''));
}

async function recordActivity(title: string, count: number) {
	const response = await fetch(`${app.base}/api/v1/territories/${TERRITORY}/activities`, {
		method: 'POST',
		headers: { accept: 'application/json', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(doneActivity(initiativeId, { title, audiences: [{ audience: 'girls', level: 'lycee_pro', count }] }))
	});
	expect(response.status).toBe(201);
}

describe('the public pages under a crowd', () => {
	it('a second visitor gets the page kept from the first, and a browser that has it is answered 304 without rendering', async () => {
		const first = await page(INDICATOR);
		expect(first.status).toBe(200);
		const etag = first.headers.get('etag');
		expect(etag).toBeTruthy();
		const html = await first.text();

		const before = await cacheCounters();
		const second = await page(INDICATOR);
		expect(second.status).toBe(200);
		expect(await second.text()).toBe(html);
		// Kept with the headers the other hooks gave it: the page's own CSP and the security headers.
		expect(second.headers.get('content-security-policy')).toContain("style-src 'self'");
		expect(second.headers.get('x-frame-options')).toBe('DENY');
		expect(second.headers.get('content-type')).toBe('text/html; charset=utf-8');

		const revalidated = await page(INDICATOR, { 'if-none-match': etag! });
		expect(revalidated.status).toBe(304);
		expect(await revalidated.text()).toBe('');
		expect(revalidated.headers.get('etag')).toBe(etag);
		// A 304's headers update the cached page's: never a policy that would replace its CSP.
		expect(revalidated.headers.get('content-security-policy')).toBeNull();

		const after = await cacheCounters();
		expect(after.hits - before.hits, 'the second visit came from the cache').toBe(1);
		expect(after.notModified - before.notModified, 'the 304 came from the cache').toBe(1);
		expect(after.misses, 'nothing was rendered again').toBe(before.misses);
	});

	it('the same page compressed for one browser and plain for another: each gets the bytes it can read', async () => {
		const gzip = await page(INDICATOR, { 'accept-encoding': 'gzip' });
		const again = await page(INDICATOR, { 'accept-encoding': 'gzip' });
		const plain = await page(INDICATOR, { 'accept-encoding': 'identity' });
		expect(again.headers.get('content-encoding')).toBe('gzip');
		expect(plain.headers.get('content-encoding')).toBeNull();
		// fetch decodes gzip: both read as the same page.
		expect(await again.text()).toBe(await gzip.text());
		expect(await plain.text()).toMatch(/^<!doctype html>/i);
	});

	it('a recorded activity changes the ETag, and the very next visitor sees the new count', async () => {
		const before = await page(INDICATOR);
		const etag = before.headers.get('etag');
		const count = participations(await before.text());
		// Kept: asking again gives the same version.
		expect((await page(INDICATOR)).headers.get('etag')).toBe(etag);

		await recordActivity('Visite de la verrerie (cache)', 12);

		const revalidated = await page(INDICATOR, { 'if-none-match': etag! });
		expect(revalidated.status, 'the browser’s copy is no longer current').toBe(200);
		expect(revalidated.headers.get('etag')).not.toBe(etag);
		expect(participations(await revalidated.text())).toBe(count + 12);
		const next = await page(INDICATOR);
		expect(participations(await next.text())).toBe(count + 12);
	});

	it('a signed-in coordinator is never served the kept anonymous page', async () => {
		// Kept for anonymous visitors first.
		await page(INDICATOR);
		const anonymous = await page(INDICATOR);
		expect(await anonymous.text()).not.toContain('Claire Cache');

		const link = /\/installation\/[\w-]+/.exec(app.output())?.[0];
		expect(link, 'the first start printed its setup link').toBeDefined();
		const created = await fetch(`${app.base}${link}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: app.base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				name: 'Claire Cache',
				email: 'claire.cache@example.org',
				password: 'une phrase de passe solide',
				passwordConfirm: 'une phrase de passe solide'
			})
		});
		expect(created.status).toBe(303);
		const session = created.headers
			.getSetCookie()
			.find((c) => c.includes('session_token'))
			?.split(';')[0];
		expect(session).toBeDefined();

		const before = await cacheCounters();
		const signedIn = await page(INDICATOR, { cookie: session! });
		expect(signedIn.status).toBe(200);
		expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
		expect(await signedIn.text()).toContain('Claire Cache');
		const after = await cacheCounters();
		expect(after.hits).toBe(before.hits);
		expect(after.notModified).toBe(before.notModified);

		// And her page is not kept for the next anonymous visitor either.
		expect(await (await page(INDICATOR)).text()).not.toContain('Claire Cache');
	});

	it('an English reader never gets the French page kept for the one before her', async () => {
		const french = await page(`/t/${TERRITORY}`);
		const frenchAgain = await page(`/t/${TERRITORY}`);
		expect(await frenchAgain.text()).toMatch(/<html lang="fr"/);
		expect(frenchAgain.headers.get('etag')).toBe(french.headers.get('etag'));

		const english = await page(`/t/${TERRITORY}`, { cookie: 'lang=en' });
		const englishAgain = await page(`/t/${TERRITORY}`, { cookie: 'lang=en' });
		for (const response of [english, englishAgain]) {
			expect(response.status).toBe(200);
			expect(await response.text()).toMatch(/<html lang="en"/);
			expect(response.headers.get('etag')).not.toBe(french.headers.get('etag'));
		}
		// The French copy's ETag does not validate the English page.
		expect((await page(`/t/${TERRITORY}`, { cookie: 'lang=en', 'if-none-match': french.headers.get('etag')! })).status).toBe(200);
	});

	it('pages of the back office and forms’ answers are never kept', async () => {
		const before = await cacheCounters();
		await page(`/t/${TERRITORY}/actions`);
		await page(`/t/${TERRITORY}/actions`);
		await page('/connexion');
		await page('/connexion');
		const after = await cacheCounters();
		expect(after.hits).toBe(before.hits);
		expect(after.misses).toBe(before.misses);
	});
});
