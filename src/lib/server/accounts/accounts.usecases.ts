import crypto from 'node:crypto';
import { parseCookies } from 'better-auth/cookies';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { enqueueMail } from '../outbox/outbox.repository';
import { invitationMail } from '../mail/templates';
import { findTerritoryById, listTerritories } from '../territories/territories.repository';
import { TerritoryArchivedError } from '../territories/territories.errors';
import { findOrganisation, listOrganisations } from '../organisations/organisations.repository';
import { findProfileByEmail, findProfileOfUser, findUnlinkedProfileByEmail, updateProfileRow } from '../role-models/role-models.repository';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';
import type { Auth } from './auth';
import {
	AccountNotFoundError,
	alreadyInactiveError,
	alreadyMemberError,
	contextualPasswordError,
	emailTakenError,
	invalidCredentialsError,
	invalidTotpCodeError,
	invitationInvalidError,
	invitationOtherAccountError,
	notMemberError,
	notSelfError,
	passwordIncorrectError,
	resetLinkInvalidError,
	setupLinkInvalidError,
	signInFirstError,
	throttledError,
	unknownOrganisationError
} from './accounts.errors';
import { mayDeactivateAccount, mayEndMembership } from './accounts.policy';
import { presentAccount, presentMemberships, presentPersonalData } from './accounts.presenters';
import type { Principal } from './permissions';
import * as repo from './accounts.repository';
import {
	acceptInvitationSchema,
	changePasswordSchema,
	confirmPasswordSchema,
	invitationSchema,
	resetPasswordSchema,
	setupSchema,
	signInSchema,
	totpSchema
} from './accounts.schemas';
import { blockedFor, clearFailures, recordFailure, releaseAttempt, reserveAttempt, throttleKey } from './throttle';
import { base32, decryptTotpSecret, qrCodeSvg, TOTP_ISSUER, totpStepOf } from './totp';
import { isContextual } from './passwords';

export const SETUP_LINK_TTL_HOURS = 72;
export const INVITATION_TTL_DAYS = 7;

/** A person creating her own account acts with no role yet (the audit trail records who she is). */
const newcomer = (userId: string): Principal => ({ userId, platformAdmin: false, roles: [] });

export function hashToken(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex');
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, raw: unknown): T {
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	return parsed.data;
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
	const { name, email, password } = parse(setupSchema, raw);
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
	const { email, password } = parse(signInSchema, raw);
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

/**
 * The person a password sign-in is waiting on for her second factor, or null: read from
 * better-auth's pending two-factor cookie without consuming it. This uses better-auth's internals
 * (two-factor plugin, verify-two-factor), kept to this one function: the cookie (its name set in
 * `auth.ts`) holds `identifier.signature`, signed by better-call with HMAC-SHA256 (base64) of the
 * auth secret, and the verification row under that identifier holds the user's id. Should a
 * better-auth upgrade change this, it answers null and replayed codes are caught only by the
 * claim after better-auth (the old behaviour); the replay tests in accounts.totp.test.ts fail.
 */
export async function pendingTwoFactorUserId(auth: Auth, requestHeaders: Headers): Promise<string | null> {
	const context = await auth.$context;
	const signed = parseCookies(requestHeaders.get('cookie') ?? '').get(context.createAuthCookie('two_factor').name);
	const dot = signed?.lastIndexOf('.') ?? -1;
	if (!signed || dot < 1) return null;
	const identifier = signed.slice(0, dot);
	const signature = Buffer.from(signed.slice(dot + 1));
	const expected = Buffer.from(crypto.createHmac('sha256', context.secret).update(identifier).digest('base64'));
	if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) return null;
	const pending = await context.internalAdapter.findVerificationValue(identifier).catch(() => null);
	return pending && pending.expiresAt > new Date() ? pending.value : null;
}

/** The time-step of a person's TOTP code, now (totp.ts), or null. */
async function stepOfCode(db: Db, auth: Auth, userId: string, code: string): Promise<number | null> {
	const row = await repo.findTwoFactor(db, userId);
	return row ? totpStepOf(await decryptTotpSecret(auth, row.secret), code) : null;
}

/**
 * Checks a TOTP code: finishes a sign-in (two-factor cookie) or turns two-factor on (session).
 * Returns the headers to forward (the new session cookie). Each TOTP code works once: its
 * time-step is claimed atomically after better-auth accepts it. A code whose step is already
 * claimed is refused BEFORE better-auth sees it: better-auth would accept it and consume the
 * pending sign-in, so that the person's next code, or a backup code, would be refused too.
 */
export async function verifyTotpCode(
	db: Db,
	auth: Auth,
	raw: unknown,
	requestHeaders: Headers,
	options: { allowBackupCode?: boolean } = {}
): Promise<{ headers: Headers }> {
	const { code } = parse(totpSchema, raw);
	const isTotp = /^\d{6}$/.test(code);
	// Turning two-factor on must prove the authenticator app works: a backup code is a well-formed but wrong code here.
	if (options.allowBackupCode === false && !isTotp) throw invalidTotpCodeError();
	if (!isTotp) {
		const result = await auth.api.verifyBackupCode({ body: { code }, headers: requestHeaders, returnHeaders: true }).catch(() => null);
		if (!result) throw invalidTotpCodeError();
		return { headers: result.headers };
	}
	// Whose code it is, in better-auth's order: the signed-in person (turning two-factor on), else the pending sign-in.
	const own = await auth.api.getSession({ headers: requestHeaders }).catch(() => null);
	const userId = own?.user.id ?? (await pendingTwoFactorUserId(auth, requestHeaders));
	const before = userId ? await repo.findTwoFactor(db, userId) : null;
	const secret = before ? await decryptTotpSecret(auth, before.secret) : null;
	const step = secret === null ? null : totpStepOf(secret, code);
	// A used code: refused with nothing consumed; the same sign-in goes on with the next code or a backup code.
	if (step !== null && before?.lastTotpStep != null && step <= before.lastTotpStep) throw invalidTotpCodeError();
	const result = await auth.api.verifyTOTP({ body: { code }, headers: requestHeaders, returnHeaders: true }).catch(() => null);
	if (!result) throw invalidTotpCodeError();
	const acceptedFor = result.response.user.id;
	// Computed again when the check above could not (a code entering better-auth's window meanwhile, an unknown pending sign-in).
	const claimed = acceptedFor === userId && step !== null ? step : await stepOfCode(db, auth, acceptedFor, code);
	if (claimed === null || !(await repo.claimTotpStep(db, acceptedFor, claimed))) {
		// The same code sent from two browsers at the same instant: both passed the check above, the
		// atomic claim lets one win. better-auth has already consumed the loser's pending sign-in, so
		// she must start again from her password (rare). Its new session is deleted before anyone sees
		// its cookie; a session she already had (turning two-factor on) is not a new one and is kept.
		if (own?.session.token !== result.response.token) await repo.deleteSessionByToken(db, result.response.token);
		throw invalidTotpCodeError();
	}
	return { headers: result.headers };
}

export interface TwoFactorSetup {
	secret: string;
	totpURI: string;
	/** The otpauth address drawn as an SVG QR code, as a data: URL (allowed by the CSP's img-src). */
	qrCode: string;
	backupCodes: string[];
}

/**
 * The setup in progress (secret made, not yet confirmed by a code), or null: shown again, with
 * its backup codes, each time the page opens, until a code confirms it or she restarts it.
 */
export async function pendingTwoFactorSetup(db: Db, auth: Auth, user: { id: string; email: string }): Promise<TwoFactorSetup | null> {
	const row = await repo.findTwoFactor(db, user.id);
	if (!row || row.verified !== false) return null;
	const secret = base32(await decryptTotpSecret(auth, row.secret));
	const totpURI = `otpauth://totp/${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(user.email)}?${new URLSearchParams({ secret, issuer: TOTP_ISSUER, digits: '6', period: '30' })}`;
	const view = await auth.api.viewBackupCodes({ body: { userId: user.id } }).catch(() => null);
	const svg = await qrCodeSvg(totpURI);
	return { secret, totpURI, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, backupCodes: view?.backupCodes ?? [] };
}

/**
 * Starts turning two-factor on; the password confirms it is her. A setup already in progress is
 * kept (opening the page again never silently changes the secret) unless she asks to restart.
 */
export async function startTwoFactorSetup(
	db: Db,
	auth: Auth,
	user: { id: string; email: string },
	raw: unknown,
	requestHeaders: Headers,
	options: { restart?: boolean } = {}
): Promise<{ headers: Headers | null }> {
	const { password } = parse(confirmPasswordSchema, raw);
	if (!options.restart && (await pendingTwoFactorSetup(db, auth, user))) return { headers: null };
	const result = await auth.api.enableTwoFactor({ body: { password }, headers: requestHeaders, returnHeaders: true }).catch(() => null);
	if (!result || !('totpURI' in result.response)) throw passwordIncorrectError('password');
	return { headers: result.headers };
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
	const { password } = parse(resetPasswordSchema, raw);
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
	const { currentPassword, password } = parse(changePasswordSchema, raw);
	if (isContextual(password, [person.name, person.email.split('@')[0]!])) throw contextualPasswordError();
	const result = await auth.api
		.changePassword({ body: { currentPassword, newPassword: password, revokeOtherSessions: true }, headers: requestHeaders, returnHeaders: true })
		.catch(() => null);
	if (!result) throw passwordIncorrectError('currentPassword');
	const territories = [...new Set((await repo.listRoles(db, person.id)).map((r) => r.territoryId))];
	const entry = { action: 'change_password', entityType: 'user', entityId: person.id };
	await db.transaction(async (tx) => {
		if (territories.length === 0) await recordAudit(tx, null, actor, entry);
		for (const territoryId of territories) await recordAudit(tx, { territoryId }, actor, entry);
	});
	return { headers: result.headers };
}

/** A coordinator invites someone by e-mail to a role of her territory (link valid 7 days). */
export async function inviteUser(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown, baseURL: string) {
	const input = parse(invitationSchema, raw);
	if (input.organisationId && !(await findOrganisation(db, scope, input.organisationId))) {
		throw unknownOrganisationError();
	}
	// A person may belong to several territories (one membership each); inviting her again to a role she holds here is pointless.
	const existing = await repo.findUserByEmail(db, input.email);
	if (existing && (await repo.listRoles(db, existing.id)).some((r) => r.territoryId === scope.territoryId && r.role === input.role)) {
		throw alreadyMemberError();
	}
	const token = crypto.randomBytes(32).toString('base64url');
	const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
	const link = `${baseURL.replace(/\/$/, '')}/invitation/${token}`;
	const [inviter, territory, organisation] = await Promise.all([
		repo.findUserById(db, actor.userId),
		findTerritory(db, scope.territoryId),
		input.organisationId ? findOrganisation(db, scope, input.organisationId) : null
	]);
	const mail = invitationMail({
		to: input.email,
		inviter: inviter?.name ?? actor.label ?? 'La coordination',
		territory: territory?.name ?? '',
		role: input.role,
		organisation: organisation?.name ?? null,
		link,
		days: INVITATION_TTL_DAYS,
		existingAccount: existing !== null
	});
	// The invitation and its e-mail commit together (outbox): no invitation without its message, nor the reverse.
	const invitation = await db.transaction(async (tx) => {
		const row = await repo.insertInvitation(tx, { ...input, territoryId: scope.territoryId, tokenHash: hashToken(token), invitedBy: actor.userId, expiresAt });
		await recordAudit(tx, scope, actor, {
			action: 'invite',
			entityType: 'invitation',
			entityId: row.id,
			after: { email: input.email, role: input.role, organisationId: input.organisationId }
		});
		await enqueueMail(tx, { territoryId: scope.territoryId, kind: 'invitation', ...mail });
		return row;
	});
	return { id: invitation.id, link };
}

export async function findUsableInvitation(db: Db, token: string) {
	return repo.findUsableInvitation(db, hashToken(token.slice(0, 100)), new Date());
}

async function findTerritory(db: Db, territoryId: number) {
	return (await listTerritories(db)).find((t) => t.id === territoryId) ?? null;
}

/**
 * The invitation page: who is invited, to which role and territory, and whether that address
 * already has an account (she then signs in and accepts, instead of creating one); null when the
 * link is unusable. Only the holder of the link (sent to that address) sees it.
 */
export async function invitationOverview(db: Db, token: string) {
	const invitation = await findUsableInvitation(db, token);
	if (!invitation) return null;
	const [territory, account, profile] = await Promise.all([
		findTerritory(db, invitation.territoryId),
		repo.findUserByEmail(db, invitation.email),
		invitation.role === 'role_model' ? findProfileByEmail(db, { territoryId: invitation.territoryId }, invitation.email) : null
	]);
	return {
		email: invitation.email,
		role: invitation.role,
		territory: territory?.name ?? '',
		slug: territory?.slug ?? '',
		hasAccount: account !== null && account.deactivatedAt === null,
		/** The name the coordination gave her role-model profile: the sign-up form starts from it. */
		name: profile && profile.userId === null ? `${profile.firstName} ${profile.lastName}` : ''
	};
}

/**
 * An invited role model's profile (created by the coordination at her address, not yet linked) is
 * linked to her account as she accepts, in the same transaction, audited: her proposals wait for
 * her on « Mes interventions » at once. True when she has a profile there.
 */
async function linkRoleModelProfile(tx: Db, invitation: { territoryId: number; role: string; email: string }, userId: string, actor: Actor): Promise<boolean> {
	if (invitation.role !== 'role_model') return false;
	const scope = { territoryId: invitation.territoryId };
	const unlinked = await findUnlinkedProfileByEmail(tx, scope, invitation.email);
	if (unlinked) {
		await updateProfileRow(tx, scope, unlinked.id, { userId });
		await recordAudit(tx, scope, actor, { action: 'link', entityType: 'role_model', entityId: unlinked.id, before: { userId: null }, after: { userId } });
		return true;
	}
	return (await findProfileOfUser(tx, scope, userId)) !== null;
}

/** Invitations into an archived territory wait: nothing is written there until it is restored. */
async function ensureTerritoryWritable(db: Db, territoryId: number) {
	const territory = await findTerritoryById(db, territoryId);
	if (territory?.archivedAt) throw new TerritoryArchivedError();
}

/**
 * Accepts an invitation: the invited e-mail proves itself by the link, so the new account is
 * verified. The invitation is consumed first, atomically: it works once.
 */
export async function acceptInvitation(
	db: Db,
	auth: Auth,
	token: string,
	raw: unknown
): Promise<{ headers: Headers; territorySlug: string | null; roleModel: boolean }> {
	const { name, password } = parse(acceptInvitationSchema, raw);
	const pending = await repo.findUsableInvitation(db, hashToken(token.slice(0, 100)), new Date());
	if (!pending) throw invitationInvalidError();
	if (isContextual(password, [pending.email.split('@')[0]!])) throw contextualPasswordError();
	// Checked before the invitation is used up: she keeps her link to accept it once signed in.
	if (await repo.findUserByEmail(db, pending.email)) throw signInFirstError();
	await ensureTerritoryWritable(db, pending.territoryId);
	const invitation = await db.transaction(async (tx) => repo.consumeInvitation(tx, hashToken(token.slice(0, 100)), new Date()));
	if (!invitation) throw invitationInvalidError();
	if (await repo.findUserByEmail(db, invitation.email)) throw emailTakenError('_form');
	const result = await auth.api.signUpEmail({ body: { name, email: invitation.email, password }, returnHeaders: true });
	const userId = result.response.user.id;
	const roleModel = await db.transaction(async (tx) => {
		const actor = { userId, label: invitation.email, principal: newcomer(userId) };
		await repo.markEmailVerified(tx, userId);
		await repo.insertRole(tx, { userId, territoryId: invitation.territoryId, role: invitation.role, organisationId: invitation.organisationId });
		await recordAudit(tx, { territoryId: invitation.territoryId }, actor, {
			action: 'create',
			entityType: 'user',
			entityId: userId,
			after: { email: invitation.email, role: invitation.role, organisationId: invitation.organisationId }
		});
		return linkRoleModelProfile(tx, invitation, userId, actor);
	});
	return { headers: result.headers, territorySlug: (await findTerritory(db, invitation.territoryId))?.slug ?? null, roleModel };
}

/**
 * A person who already has an account accepts an invitation while signed in: a membership of
 * that territory is added (its own role), her other memberships stay as they are. The link
 * proves the address; the session must be that address's owner. The invitation works once.
 */
export async function joinTerritory(
	db: Db,
	token: string,
	person: { id: string; email: string },
	actor: Actor
): Promise<{ territorySlug: string | null; roleModel: boolean }> {
	const tokenHash = hashToken(token.slice(0, 100));
	const pending = await repo.findUsableInvitation(db, tokenHash, new Date());
	if (!pending) throw invitationInvalidError();
	if (pending.email.toLowerCase() !== person.email.toLowerCase()) throw invitationOtherAccountError();
	await ensureTerritoryWritable(db, pending.territoryId);
	const roleModel = await db.transaction(async (tx) => {
		const invitation = await repo.consumeInvitation(tx, tokenHash, new Date());
		if (!invitation) throw invitationInvalidError();
		await repo.insertRole(tx, { userId: person.id, territoryId: invitation.territoryId, role: invitation.role, organisationId: invitation.organisationId });
		await recordAudit(tx, { territoryId: invitation.territoryId }, actor, {
			action: 'join',
			entityType: 'user',
			entityId: person.id,
			after: { email: invitation.email, role: invitation.role, organisationId: invitation.organisationId }
		});
		return linkRoleModelProfile(tx, invitation, person.id, actor);
	});
	return { territorySlug: (await findTerritory(db, pending.territoryId))?.slug ?? null, roleModel };
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
		const territories = [...new Set((await repo.listRoles(tx, userId)).map((r) => r.territoryId))];
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
