import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/*
 * What the server needs of its accounts before better-auth is loaded: the secret, and the names of
 * the cookies. better-auth itself (accounts/auth.ts, half a second to load) comes with the first
 * request that carries a session or signs in (app.ts `auth()`, issue #9).
 */

/** Cookies are `__Host-` (Secure, path=/, no domain) wherever browsers accept Secure: HTTPS and localhost. */
export function secureCookies(baseURL: string): boolean {
	const url = new URL(baseURL);
	return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** A cookie's name: `__Host-` prefixed wherever cookies can be Secure. */
function cookieName(name: string, secure: boolean): string {
	return secure ? `__Host-mixite.${name}` : `mixite.${name}`;
}

/** One of better-auth's cookies, as the platform names it. */
export function authCookie(baseURL: string, name: string) {
	const secure = secureCookies(baseURL);
	return { name: cookieName(name, secure), attributes: { secure, sameSite: 'lax' as const, path: '/' } };
}

/** The session cookie's name, Secure or not. */
const SESSION_COOKIES = new Set([false, true].map((secure) => cookieName('session_token', secure)));

/** Whether a request's Cookie header carries a session: without one, there is no session to look up. */
export function hasSessionCookie(cookieHeader: string | null): boolean {
	if (!cookieHeader) return false;
	return cookieHeader.split(';').some((part) => SESSION_COOKIES.has(part.split('=', 1)[0]!.trim()));
}

/** The secret comes from BETTER_AUTH_SECRET, or is generated once and kept in the data dir. */
export function resolveAuthSecret(dataDir: string): string {
	if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
	const file = path.join(dataDir, 'auth-secret');
	if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
	fs.mkdirSync(dataDir, { recursive: true });
	const secret = crypto.randomBytes(32).toString('base64url');
	fs.writeFileSync(file, secret, { mode: 0o600 });
	return secret;
}
