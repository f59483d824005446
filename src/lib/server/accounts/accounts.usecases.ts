/**
 * Accounts: setup links, sign-in and sign-out, passwords, memberships, personal data and sessions.
 * Two-step verification is in `accounts.totp.ts`, invitations in `accounts.invitations.ts`.
 */
import crypto from 'node:crypto';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { listTerritories } from '../territories/territories.repository';
import { listOrganisations } from '../organisations/organisations.repository';
import { parseWith } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';
import type { Auth } from './auth';
import {
	AccountNotFoundError,
	alreadyInactiveError,
	contextualPasswordError,
	emailTakenError,
	invalidCredentialsError,
	notMemberError,
	notSelfError,
	passwordIncorrectError,
	resetLinkInvalidError,
	setupLinkInvalidError,
	throttledError
} from './accounts.errors';
import { mayDeactivateAccount, mayEndMembership } from './accounts.policy';
import { presentAccount, presentMemberships, presentPersonalData } from './accounts.presenters';
import type { Principal } from './permissions';
import * as repo from './accounts.repository';
import { changePasswordSchema, resetPasswordSchema, setupSchema, signInSchema } from './accounts.schemas';
import { blockedFor, clearFailures, recordFailure, releaseAttempt, reserveAttempt, throttleKey } from './throttle';
import { isContextual } from './passwords';

export const SETUP_LINK_TTL_HOURS = 72;

/** A person creating her own account acts with no role yet (the audit trail records who she is). */
export const newcomer = (userId: string): Principal => ({ userId, platformAdmin: false, roles: [] });

export function hashToken(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * A one-time link that creates a coordinator account of the territory, or (role 'admin') a
 * platform administrator; only its hash is stored.
 */
export async function createSetupLink(
	db: Db,
	territoryId: number,
	baseURL: string,
	now = new Date(),
	role: 'coordinator' | 'admin' = 'coordinator'
): Promise<string> {
	const token = crypto.randomBytes(32).toString('base64url');
	await repo.insertSetupLink(db, {
		tokenHash: hashToken(token),
		territoryId,
		role,
		expiresAt: new Date(now.getTime() + SETUP_LINK_TTL_HOURS * 3_600_000)
	});
	return `${baseURL.replace(/\/$/, '')}/installation/${token}`;
}

export async function isSetupLinkUsable(db: Db, token: string): Promise<boolean> {
	return (await repo.findUsableSetupLink(db, hashToken(token), new Date())) !== null;
}

/**
 * What a usable setup link creates, for its page's title: a platform administrator, the
 * platform's very first coordinator (no account yet), or one more coordinator; null when unusable.
 */
export async function setupLinkPurpose(db: Db, token: string): Promise<'admin' | 'first_coordinator' | 'coordinator' | null> {
	const link = await repo.findUsableSetupLink(db, hashToken(token), new Date());
	if (!link) return null;
	if (link.role === 'admin') return 'admin';
	return (await repo.countUsers(db)) === 0 ? 'first_coordinator' : 'coordinator';
}

/**
 * Creates the account behind a setup link and signs it in. Returns the response headers
 * (session cookie) to forward. The link is consumed before the account exists: it works once.
 */
export async function completeSetup(db: Db, auth: Auth, token: string, raw: unknown): Promise<{ headers: Headers }> {
	const { name, email, password } = parseWith(setupSchema, raw);
	if (await repo.findUserByEmail(db, email)) throw emailTakenError('email');
	const link = await db.transaction(async (tx) => repo.consumeSetupLink(tx, hashToken(token), new Date()));
	if (!link) throw setupLinkInvalidError();
	const result = await auth.api.signUpEmail({ body: { name, email, password }, returnHeaders: true });
	const userId = result.response.user.id;
	await db.transaction(async (tx) => {
		if (link.role === 'admin') await repo.insertPlatformRole(tx, userId, 'admin');
		else await repo.insertRole(tx, { userId, territoryId: link.territoryId, role: link.role, organisationId: null });
		await recordAudit(
			tx,
			{ territoryId: link.territoryId },
			{ userId, label: email, principal: newcomer(userId) },
			{ action: 'create', entityType: 'user', entityId: userId, after: { email, role: link.role } }
		);
	});
	await auth.api.sendVerificationEmail({ body: { email } }).catch(() => undefined);
	return { headers: result.headers };
}

export type SignInResult = { headers: Headers; twoFactor: boolean };

/**
 * Password sign-in, throttled per IP and per account (temporary blocks, never a permanent
 * lock-out). Reserve, then verify: an attempt is counted in the database, atomically, before the
 * password is checked, so that concurrent requests cannot all be evaluated; a success gives the
 * IP's attempt back and clears the account's. With two-factor enabled the result asks for the
 * TOTP code next.
 */
export async function signIn(db: Db, auth: Auth, raw: unknown, requestHeaders: Headers, ip: string): Promise<SignInResult> {
	const { email, password } = parseWith(signInSchema, raw);
	const keys = { account: throttleKey('account', email), ip: throttleKey('ip', ip) };
	const ipWait = await reserveAttempt(db, 'ip', keys.ip);
	if (ipWait > 0) throw throttledError(ipWait);
	// A blocked account still costs the IP an attempt: spraying many accounts from one IP is hammering too.
	const accountWait = await reserveAttempt(db, 'account', keys.account);
	if (accountWait > 0) throw throttledError(accountWait);
	const userRow = await repo.findUserByEmail(db, email);
	if (userRow?.deactivatedAt) throw invalidCredentialsError();
	const result = await auth.api.signInEmail({ body: { email, password }, headers: requestHeaders, returnHeaders: true }).catch((error: unknown) => {
		if (process.env.MIXITE_DEBUG_AUTH) console.error(error);
		return null;
	});
	// A failed attempt keeps its reservation: it is the failure count.
	if (!result) throw invalidCredentialsError();
	await clearFailures(db, keys.account);
	await releaseAttempt(db, 'ip', keys.ip);
	return { headers: result.headers, twoFactor: 'twoFactorRedirect' in result.response && Boolean(result.response.twoFactorRedirect) };
}

/** Signs out: the session is deleted server-side. Returns the headers that expire the cookies (null when there was no session). */
export async function signOut(auth: Auth, requestHeaders: Headers): Promise<{ headers: Headers | null }> {
	const result = await auth.api.signOut({ headers: requestHeaders, returnHeaders: true }).catch(() => null);
	return { headers: result?.headers ?? null };
}

export type PasswordResetRequest = { sent: true } | { sent: false; waitMs: number };

/**
 * "Mot de passe oublié": the same answer whether or not an account exists (no account
 * enumeration). Throttled per IP, and every request counts, blocked ones included: hammering
 * while blocked keeps the block on (up to its cap) instead of waiting it out.
 */
export async function requestPasswordReset(db: Db, auth: Auth, raw: unknown, ip: string, baseURL: string, now = new Date()): Promise<PasswordResetRequest> {
	const key = throttleKey('reset', ip);
	await recordFailure(db, 'reset', key, now);
	const waitMs = await blockedFor(db, key, now);
	if (waitMs > 0) return { sent: false, waitMs };
	const email = String((raw as Record<string, unknown> | null)?.email ?? '')
		.trim()
		.toLowerCase()
		.slice(0, 254);
	if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
		await auth.api.requestPasswordReset({ body: { email, redirectTo: `${baseURL.replace(/\/$/, '')}/mot-de-passe/nouveau` } }).catch(() => undefined);
	}
	return { sent: true };
}

/** Sets a new password from a reset link (one hour, single use); every session of the account ends. */
export async function resetPassword(auth: Auth, raw: unknown): Promise<void> {
	const { password } = parseWith(resetPasswordSchema, raw);
	const token = String((raw as Record<string, unknown> | null)?.token ?? '').slice(0, 200);
	const ok = await auth.api
		.resetPassword({ body: { newPassword: password, token } })
		.then(() => true)
		.catch(() => false);
	if (!ok) throw resetLinkInvalidError();
}

/** Confirms an e-mail address from the link sent to it; false when the link is invalid or expired. */
export async function verifyEmail(auth: Auth, token: string): Promise<boolean> {
	return auth.api
		.verifyEmail({ query: { token: token.slice(0, 2000) } })
		.then(() => true)
		.catch(() => false);
}

/**
 * The territories a person has a role in, in the order of their ids: a trace is written in each, and
 * their data versions are then locked in that order when the change commits (decision 0012).
 */
async function roleTerritories(db: Db, userId: string): Promise<number[]> {
	return [...new Set((await repo.listRoles(db, userId)).map((r) => r.territoryId))].sort((a, b) => a - b);
}

/**
 * Changes one's password from "Mon compte": the current password proves it is her, the new one
 * follows the password rules; every other session ends, this one is renewed. Audited.
 */
export async function changePassword(
	db: Db,
	auth: Auth,
	person: { id: string; name: string; email: string },
	actor: Actor,
	raw: unknown,
	requestHeaders: Headers
): Promise<{ headers: Headers }> {
	const { currentPassword, password } = parseWith(changePasswordSchema, raw);
	if (isContextual(password, [person.name, person.email.split('@')[0]!])) throw contextualPasswordError();
	const result = await auth.api
		.changePassword({ body: { currentPassword, newPassword: password, revokeOtherSessions: true }, headers: requestHeaders, returnHeaders: true })
		.catch(() => null);
	if (!result) throw passwordIncorrectError('currentPassword');
	const territories = await roleTerritories(db, person.id);
	const entry = { action: 'change_password', entityType: 'user', entityId: person.id };
	await db.transaction(async (tx) => {
		if (territories.length === 0) await recordAudit(tx, null, actor, entry);
		for (const territoryId of territories) await recordAudit(tx, { territoryId }, actor, entry);
	});
	return { headers: result.headers };
}

/** The members page: members with their roles, pending invitations, and the organisations a partner may be invited for. */
export async function listMembers(db: Db, scope: TerritoryScope) {
	const [members, invitations, organisations] = await Promise.all([
		repo.listMembers(db, scope.territoryId),
		repo.listPendingInvitations(db, scope.territoryId, new Date()),
		listOrganisations(db, scope)
	]);
	return { members, invitations, organisations: organisations.map((o) => ({ id: o.id, name: o.name })) };
}

/**
 * A coordinator ends someone's membership of her territory: every role held there goes, the
 * account and its other territories stay. Recorded in this territory's audit trail.
 */
export async function endMembership(db: Db, scope: TerritoryScope, principal: Principal, actor: Actor, userId: string) {
	if (!mayEndMembership(principal, scope.territoryId)) throw new AccountNotFoundError();
	if (userId === principal.userId) throw notSelfError();
	await db.transaction(async (tx) => {
		const removed = await repo.deleteRoles(tx, userId, scope.territoryId);
		if (removed.length === 0) throw notMemberError();
		await recordAudit(tx, scope, actor, {
			action: 'end_membership',
			entityType: 'user',
			entityId: userId,
			before: { roles: removed.map((r) => ({ role: r.role, organisationId: r.organisationId })) },
			after: { roles: [] }
		});
	});
}

/**
 * Deactivates an account on the whole platform (platform administrators only): every session
 * ends at once; the account and its history stay for the audit trail. Recorded in the audit trail
 * of every territory where the person holds a role, so that each coordination sees it.
 */
export async function deactivateAccount(db: Db, principal: Principal, actor: Actor, userId: string, now = new Date()) {
	if (!mayDeactivateAccount(principal)) throw new AccountNotFoundError();
	if (userId === principal.userId) throw notSelfError();
	await db.transaction(async (tx) => {
		const deactivated = await repo.deactivate(tx, userId, now);
		if (!deactivated) throw alreadyInactiveError();
		const territories = await roleTerritories(tx, userId);
		const entry = { action: 'deactivate', entityType: 'user', entityId: userId, before: { deactivatedAt: null }, after: { deactivatedAt: now.toISOString() } };
		if (territories.length === 0) await recordAudit(tx, null, actor, entry);
		for (const territoryId of territories) await recordAudit(tx, { territoryId }, actor, entry);
	});
}

/** Everything the platform holds about the signed-in person (right of access, portability). */
export async function exportMyData(db: Db, userId: string) {
	return repo.personalData(db, userId);
}

/** The download of `exportMyData`, as the JSON document the person receives. */
export async function exportMyDataDocument(db: Db, userId: string, now = new Date()): Promise<string> {
	return presentPersonalData(await exportMyData(db, userId), now);
}

/** "Mon compte": her account and the territories where she holds a role. */
export async function accountOverview(
	db: Db,
	person: { name: string; email: string; twoFactorEnabled: boolean; emailVerified: boolean },
	principal: Principal | null
) {
	return presentAccount(person, principal?.roles ?? [], await listTerritories(db));
}

/** The territories the signed-in person belongs to, with her roles in each (none when signed out). */
export async function myTerritories(db: Db, principal: Principal | null) {
	if (!principal || principal.roles.length === 0) return [];
	return presentMemberships(principal.roles, await listTerritories(db));
}

export async function requestErasure(db: Db, userId: string) {
	await repo.insertErasureRequest(db, userId);
}

export const countUsers = repo.countUsers;
export const listRoles = repo.listRoles;
export const loadPrincipal = repo.loadPrincipal;

/** A session unused for this long is ended, whatever its absolute lifetime left (ASVS 7.3.1). */
export const IDLE_TIMEOUT_MS = 60 * 60_000;

/**
 * Inactivity timeout: an idle session is deleted server-side (false: treat the request as anonymous);
 * an active one is marked used at most once a minute.
 */
export async function keepSessionAlive(db: Db, current: { id: string; updatedAt: Date }, now = new Date()): Promise<boolean> {
	const idle = now.getTime() - new Date(current.updatedAt).getTime();
	if (idle > IDLE_TIMEOUT_MS) {
		await repo.deleteSession(db, current.id);
		return false;
	}
	if (idle > 60_000) await repo.touchSession(db, current.id, now);
	return true;
}
