import crypto from 'node:crypto';
import type { Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import type { Auth } from './auth';
import * as repo from './accounts.repository';
import { setupSchema, signInSchema } from './accounts.schemas';

export const SETUP_LINK_TTL_HOURS = 72;

function hashToken(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex');
}

/** A one-time link that creates a coordinator account; only its hash is stored. */
export async function createSetupLink(db: Db, territoryId: number, baseURL: string, now = new Date()): Promise<string> {
	const token = crypto.randomBytes(32).toString('base64url');
	await repo.insertSetupLink(db, {
		tokenHash: hashToken(token),
		territoryId,
		role: 'coordinator',
		expiresAt: new Date(now.getTime() + SETUP_LINK_TTL_HOURS * 3_600_000)
	});
	return `${baseURL.replace(/\/$/, '')}/installation/${token}`;
}

export async function isSetupLinkUsable(db: Db, token: string): Promise<boolean> {
	return (await repo.findUsableSetupLink(db, hashToken(token), new Date())) !== null;
}

/**
 * Creates the account behind a setup link and signs it in. Returns the response headers
 * (session cookie) to forward. The link is consumed in the same transaction as the role.
 */
export async function completeSetup(db: Db, auth: Auth, token: string, raw: unknown): Promise<{ headers: Headers }> {
	const parsed = setupSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	const { name, email, password } = parsed.data;
	if (await repo.findUserByEmail(db, email)) throw new ValidationError({ email: { key: 'validation.email_taken' } });
	const link = await db.transaction(async (tx) => repo.consumeSetupLink(tx, hashToken(token), new Date()));
	if (!link) throw new ValidationError({ _form: { key: 'auth.setup_invalid' } });
	const result = await auth.api.signUpEmail({ body: { name, email, password }, returnHeaders: true });
	await repo.insertRole(db, { userId: result.response.user.id, territoryId: link.territoryId, role: link.role });
	return { headers: result.headers };
}

export async function signIn(auth: Auth, raw: unknown, requestHeaders: Headers): Promise<{ headers: Headers }> {
	const parsed = signInSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	try {
		const result = await auth.api.signInEmail({ body: parsed.data, headers: requestHeaders, returnHeaders: true });
		return { headers: result.headers };
	} catch {
		throw new ValidationError({ _form: { key: 'auth.invalid' } });
	}
}

export const countUsers = repo.countUsers;
export const listRoles = repo.listRoles;
