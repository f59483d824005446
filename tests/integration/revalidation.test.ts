import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serve, stopServer, type ServedApp } from '../support/serve';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-revalidation-'));
let app: ServedApp;

beforeAll(async () => {
	app = await serve({ DATA_DIR: dataDir });
}, 400_000);
afterAll(async () => {
	await stopServer(app);
	fs.rmSync(dataDir, { recursive: true, force: true });
});

/*
 * A browser reloading a page sends If-None-Match; the 304 answer's headers update those of the
 * cached page. A 304 carrying a fallback `default-src 'none'` policy made every reloaded page lose
 * its styles and scripts (found by a new user: 15 CSP errors per reload, an unstyled page).
 */
it('a reloaded page keeps its own CSP: a 304 answer carries no policy that would replace it', async () => {
	for (const pathname of ['/', '/t/flandre-saint-omer', '/t/flandre-saint-omer/indicateur']) {
		const first = await fetch(`${app.base}${pathname}`);
		expect(first.status).toBe(200);
		const etag = first.headers.get('etag');
		expect(etag, `${pathname} has an ETag`).toBeTruthy();
		expect(first.headers.get('content-security-policy')).toContain("style-src 'self'");
		const again = await fetch(`${app.base}${pathname}`, { headers: { 'if-none-match': etag! } });
		expect(again.status).toBe(304);
		expect(again.headers.get('content-security-policy'), pathname).toBeNull();
	}
}, 120_000);
