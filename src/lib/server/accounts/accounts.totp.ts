/**
 * Two-step verification: turning TOTP on (a secret, its QR code and backup codes) and checking a
 * code, each TOTP code working once. The codes themselves are computed in `totp.ts`.
 */
import crypto from 'node:crypto';
import { parseCookies } from 'better-auth/cookies';
import type { Db } from '../db/client';
import { parseWith } from '../shared/form';
import type { Auth } from './auth';
import { invalidTotpCodeError, passwordIncorrectError } from './accounts.errors';
import * as repo from './accounts.repository';
import { confirmPasswordSchema, totpSchema } from './accounts.schemas';
import { base32, decryptTotpSecret, qrCodeSvg, TOTP_ISSUER, totpStepOf } from './totp';

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
	const { code } = parseWith(totpSchema, raw);
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
	const { password } = parseWith(confirmPasswordSchema, raw);
	if (!options.restart && (await pendingTwoFactorSetup(db, auth, user))) return { headers: null };
	const result = await auth.api.enableTwoFactor({ body: { password }, headers: requestHeaders, returnHeaders: true }).catch(() => null);
	if (!result || !('totpURI' in result.response)) throw passwordIncorrectError('password');
	return { headers: result.headers };
}
