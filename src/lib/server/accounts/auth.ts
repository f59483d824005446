import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Db } from '../db/client';
import { account, rateLimit, session, user, verification } from './accounts.table';

export interface AuthOptions {
	baseURL: string;
	secret: string;
}

/**
 * better-auth on the platform's database. Its HTTP handler is not mounted: sign-in,
 * sign-out and account creation go through the platform's own form actions,
 * so that no sign-up endpoint exists.
 */
export function createAuth(db: Db, options: AuthOptions) {
	return betterAuth({
		baseURL: options.baseURL,
		secret: options.secret,
		trustedOrigins: [options.baseURL],
		database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification, rateLimit } }),
		emailAndPassword: { enabled: true, minPasswordLength: 12, maxPasswordLength: 256, autoSignIn: true },
		session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
		rateLimit: { enabled: true, window: 60, max: 30, storage: 'database' },
		telemetry: { enabled: false },
		logger: { disabled: process.env.NODE_ENV === 'test' }
	});
}

export type Auth = ReturnType<typeof createAuth>;

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
