import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, stopServer, type ServedApp } from '../support/serve';

const ORIGIN = 'https://mixite.example';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-headers-'));
let app: ServedApp;

beforeAll(async () => {
	// Behind a TLS proxy: the public origin is HTTPS.
	app = await serve({ DATA_DIR: dataDir, ORIGIN });
	// serve() itself waits up to 240 s for a start on a loaded machine.
}, 300_000);
afterAll(async () => {
	if (app) await stopServer(app);
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('web security baseline', () => {
	it('pages carry a strict CSP without inline scripts, HSTS, nosniff, a referrer policy and no framing', async () => {
		const response = await fetch(`${app.base}/t/flandre-saint-omer`);
		expect(response.status).toBe(200);
		const csp = response.headers.get('content-security-policy') ?? '';
		const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
		expect(scriptSrc).toContain("'self'");
		expect(scriptSrc).not.toContain('unsafe-inline');
		expect(scriptSrc).not.toContain('unsafe-eval');
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("form-action 'self'");
		expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(csp).toContain("base-uri 'none'");
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(response.headers.get('permissions-policy')).toContain('camera=()');
		expect(response.headers.get('permissions-policy')).toContain('geolocation=()');
		// A public page read without a session holds nothing of anybody: no opener policy, whose new
		// renderer costs a phone ~300 ms (decision 0010). The sign-in page and its like keep it.
		expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
		for (const p of ['/connexion', '/mot-de-passe-oublie', '/t/flandre-saint-omer/actions']) {
			expect((await fetch(`${app.base}${p}`, { redirect: 'manual' })).headers.get('cross-origin-opener-policy'), p).toBe('same-origin');
		}
		// The stylesheets are written into the page (inlineStyleThreshold, decision 0010): each <style> is
		// allowed by its hash, never by 'unsafe-inline', and no stylesheet link blocks the first paint.
		const html = await response.text();
		const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
		expect(styles.length).toBeGreaterThan(0);
		const styleSrc = /style-src ([^;]+)/.exec(csp)?.[1] ?? '';
		expect(styleSrc).not.toContain('unsafe-inline');
		for (const style of styles) {
			const hash = crypto.createHash('sha256').update(style).digest('base64');
			expect(styleSrc).toContain(`'sha256-${hash}'`);
		}
		const blocking = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*>/g)].filter((m) => !m[0].includes('disabled'));
		expect(blocking.map((m) => m[0])).toEqual([]);
	});

	it('static files (scripts, styles, icons) are served with nosniff and cannot be framed either', async () => {
		// The sign-in page keeps the client app (the public pages send none, decision 0010): it names the scripts.
		const page = await (await fetch(`${app.base}/connexion`)).text();
		const script = /\/_app\/immutable\/[^"']+\.js/.exec(page)?.[0];
		const stylesheet = /\/_app\/immutable\/assets\/[^"']+\.css/.exec(page)?.[0];
		expect(script).toBeDefined();
		expect(stylesheet).toBeDefined();
		for (const p of [
			script!,
			stylesheet!,
			'/fonts/atkinson-hyperlegible-next-latin-wght-normal.woff2',
			'/favicon.svg',
			'/js/play-count.js',
			'/js/period-choice.js'
		]) {
			const response = await fetch(`${app.base}${p}`);
			expect(response.status, p).toBe(200);
			expect(response.headers.get('x-content-type-options'), p).toBe('nosniff');
			expect(response.headers.get('content-security-policy'), p).toContain("frame-ancestors 'none'");
			expect(response.headers.get('x-frame-options'), p).toBe('DENY');
		}
	});

	it('a method a page or endpoint does not accept is refused in French, with Allow', async () => {
		for (const [method, p] of [
			['GET', '/deconnexion'],
			['PUT', '/connexion'],
			['POST', '/t/flandre-saint-omer']
		] as const) {
			const response = await fetch(`${app.base}${p}`, {
				method,
				headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
				body: method === 'GET' ? undefined : 'a=1'
			});
			expect(response.status, `${method} ${p}`).toBe(405);
			const text = await response.text();
			expect(text, `${method} ${p}`).toContain(`n’accepte pas la méthode ${method}`);
			expect(text).not.toMatch(/method not allowed/i);
		}
	});

	it('a form post without a Content-Type, or with a broken multipart body, is a French 400, even anonymous', async () => {
		const bare = await fetch(`${app.base}/connexion`, {
			method: 'POST',
			headers: { origin: ORIGIN },
			body: new TextEncoder().encode('email=a%40b.fr&password=x')
		});
		expect(bare.status).toBe(400);
		expect(await bare.text()).toContain('Le formulaire reçu est illisible');
		const broken = await fetch(`${app.base}/connexion`, {
			method: 'POST',
			headers: { origin: ORIGIN, 'content-type': 'multipart/form-data; boundary=----x' },
			body: '------x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.fr\r\n------'
		});
		expect(broken.status).toBe(400);
		expect(await broken.text()).toContain('Le formulaire reçu est illisible');
		const noBoundary = await fetch(`${app.base}/mot-de-passe-oublie`, {
			method: 'POST',
			headers: { origin: ORIGIN, 'content-type': 'multipart/form-data' },
			body: 'x'
		});
		expect(noBoundary.status).toBe(400);
		expect(app.output()).not.toContain('"status":500');
	});

	it('a NUL character in a form field is refused next to that field, in French, not a 500', async () => {
		const body = new URLSearchParams({ email: 'claire\u0000@example.org', password: 'x' });
		// Enhanced form (JavaScript on): the action's failure, with the message under the field.
		const enhanced = await fetch(`${app.base}/connexion`, {
			method: 'POST',
			headers: { origin: ORIGIN, accept: 'application/json', 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' },
			body
		});
		const result = await enhanced.json();
		expect(result).toMatchObject({ type: 'failure', status: 400 });
		expect(result.data).toContain('Ce champ contient un caractère invisible interdit (NUL)');
		expect(result.data).toContain('email');
		expect(result.data).not.toContain('password');
		// Without JavaScript: a French page naming the field.
		const plain = await fetch(`${app.base}/connexion`, {
			method: 'POST',
			headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body
		});
		expect(plain.status).toBe(400);
		expect(await plain.text()).toContain('Le champ « email » du formulaire contient un caractère invisible interdit (NUL)');
		expect(app.output()).not.toContain('"status":500');
	});

	it('JSON and downloads cannot be framed either', async () => {
		for (const p of ['/api/v1/territories', '/api/v1/openapi.json', '/healthz']) {
			const response = await fetch(`${app.base}${p}`);
			expect(response.headers.get('content-security-policy'), p).toContain("frame-ancestors 'none'");
			expect(response.headers.get('x-content-type-options'), p).toBe('nosniff');
		}
	});

	it('the session cookie is a __Host- cookie: Secure, HttpOnly, path /, SameSite', async () => {
		const link = /\/installation\/([\w-]+)/.exec(app.output())![0];
		const response = await fetch(`${app.base}${link}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				name: 'Claire',
				email: 'claire@example.org',
				password: 'une phrase de passe solide',
				passwordConfirm: 'une phrase de passe solide'
			})
		});
		expect(response.status).toBe(303);
		const cookie = response.headers.getSetCookie().find((c) => c.includes('session_token'));
		expect(cookie).toMatch(/^__Host-mixite\.session_token=/);
		expect(cookie).toMatch(/; Secure/i);
		expect(cookie).toMatch(/; HttpOnly/i);
		expect(cookie).toMatch(/; Path=\//i);
		expect(cookie).toMatch(/; SameSite=Lax/i);
		expect(cookie).not.toMatch(/Domain=/i);
		// Pages of a signed-in person are never cached.
		const page = await fetch(`${app.base}/compte`, { headers: { cookie: cookie!.split(';')[0]! } });
		expect(page.status).toBe(200);
		expect(page.headers.get('cache-control')).toBe('private, no-store');
		// A cross-origin window gets no handle on any page of a signed-in person, public ones included.
		for (const p of ['/compte', '/t/flandre-saint-omer', '/t/flandre-saint-omer/indicateur']) {
			const signedIn = await fetch(`${app.base}${p}`, { headers: { cookie: cookie!.split(';')[0]! } });
			expect(signedIn.status, p).toBe(200);
			expect(signedIn.headers.get('cross-origin-opener-policy'), p).toBe('same-origin');
		}
		// A signed-in form with a NUL: refused next to the field, nothing stored.
		const nul = await fetch(`${app.base}/compte/securite?/enable`, {
			method: 'POST',
			headers: {
				origin: ORIGIN,
				cookie: cookie!.split(';')[0]!,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ password: 'une phrase\u0000', note: 'a\u0000' })
		});
		const failure = await nul.json();
		expect(failure.type).toBe('failure');
		expect(failure.data).toContain('Ce champ contient un caractère invisible interdit (NUL)');
		const bare = await fetch(`${app.base}/compte/securite?/enable`, {
			method: 'POST',
			headers: { origin: ORIGIN, cookie: cookie!.split(';')[0]! },
			body: new TextEncoder().encode('x')
		});
		expect(bare.status).toBe(400);
		expect(await bare.text()).toContain('Le formulaire reçu est illisible');
	});

	it('no state changes through GET, and a form from another origin is refused', async () => {
		expect((await fetch(`${app.base}/deconnexion`)).status).toBe(405);
		expect((await fetch(`${app.base}/langue`)).status).toBe(405);
		const forged = await fetch(`${app.base}/connexion`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'email=a%40b.fr&password=x'
		});
		expect(forged.status).toBe(403);
	});

	it('security events are logged without secrets: failed sign-ins and refusals', async () => {
		const secret = 'mot-de-passe-qui-ne-doit-jamais-apparaitre';
		const response = await fetch(`${app.base}/connexion`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'claire@example.org', password: secret })
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Adresse e-mail ou mot de passe incorrect.');
		await new Promise((r) => setTimeout(r, 100));
		expect(app.output()).toMatch(/"event":"signin_failed"/);
		expect(app.output()).not.toContain(secret);
		expect(app.output()).not.toMatch(/session_token=/);
	});

	it('password-reset e-mails are throttled per IP, with the same answer whether or not the account exists', async () => {
		const ask = (email: string) =>
			fetch(`${app.base}/mot-de-passe-oublie`, {
				method: 'POST',
				headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email })
			});
		const known = await (await ask('claire@example.org')).text();
		const unknown = await (await ask('personne@example.org')).text();
		expect(known).toContain('Si un compte existe pour cette adresse');
		expect(unknown).toContain('Si un compte existe pour cette adresse');
		for (let i = 0; i < 4; i++) await ask('personne@example.org');
		const throttled = await ask('claire@example.org');
		expect(throttled.status).toBe(429);
		expect(await throttled.text()).toContain('Trop de tentatives');
	});

	it('error pages are generic, in French, without stack traces', async () => {
		const response = await fetch(`${app.base}/t/flandre-saint-omer/actions/abc`, { headers: { cookie: '' } });
		const html = await response.text();
		expect(html).not.toMatch(/at .+\.(js|ts):\d+/);
		const unknown = await (await fetch(`${app.base}/nulle-part`)).text();
		expect(unknown).toContain('Page introuvable');
		expect(unknown).not.toMatch(/at .+\.(js|ts):\d+/);
	});
});
