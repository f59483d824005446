import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../e2e/support/server';

/**
 * The attack of issue #6 B2 against the real server: a burst of concurrent sign-in POSTs must not
 * be evaluated past the allowance, and the right password is refused while the account is blocked.
 */
const password = 'une phrase de passe solide';
const email = 'claire@example.org';
let app: TestServer;

const post = (p: string, fields: Record<string, string>) =>
	fetch(`${app.baseURL}${p}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: app.baseURL, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields)
	});

beforeAll(async () => {
	// The e2e starter: its start-up timeout can be raised on a loaded machine (migrating and seeding PGlite).
	app = await startServer({ startTimeout: 240_000 });
	const link = new URL(app.setupLink).pathname;
	expect((await post(link, { name: 'Claire', email, password, passwordConfirm: password })).status).toBe(303);
}, 300_000);
afterAll(async () => {
	await app?.stop();
});

describe('sign-in throttling on the real server', () => {
	it('40 simultaneous wrong passwords: at most the allowance is evaluated, and the right one sent after the burst is refused', async () => {
		const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => post('/connexion', { email, password: `mauvais mot de passe ${i}` })));
		const bodies = await Promise.all(responses.map((r) => r.text()));
		const evaluated = bodies.filter((b) => b.includes('Adresse e-mail ou mot de passe incorrect')).length;
		const throttled = bodies.filter((b) => b.includes('Trop de tentatives')).length;
		expect(evaluated + throttled).toBe(40);
		expect(evaluated).toBeLessThanOrEqual(6);
		const right = await post('/connexion', { email, password });
		expect(right.status).not.toBe(303);
		expect(right.headers.getSetCookie().some((c) => /session_token=[^;]/.test(c))).toBe(false);
		expect(await right.text()).toContain('Trop de tentatives');
	});
});
