import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory } from '../../../../tests/support/fixtures';
import { totp } from '../../../../tests/support/totp';
import type { Database } from '../db/client';
import { ValidationError } from '../shared/errors';
import { createAuth } from './auth';
import { completeSetup, createSetupLink, signIn } from './accounts.usecases';
import { pendingTwoFactorSetup, pendingTwoFactorUserId, startTwoFactorSetup, verifyTotpCode } from './accounts.totp';

let database: Database;
let auth: ReturnType<typeof createAuth>;
let territoryId: number;
const password = 'une phrase de passe solide';

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}
const cookieOf = (headers: Headers) =>
	new Headers({
		cookie: headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ')
	});

/** A new coordinator, signed in (her session's cookie) but without two-step verification yet. */
async function newPerson(email: string) {
	const link = await createSetupLink(database.db, territoryId, 'http://localhost:3000');
	const { headers } = await completeSetup(database.db, auth, link.split('/installation/')[1]!, {
		name: 'Claire Dubois',
		email,
		password,
		passwordConfirm: password
	});
	const [row] = await rows<{ id: string }>(sql`select id from "user" where email = ${email}`);
	return { user: { id: row!.id, email }, cookie: cookieOf(headers) };
}

beforeAll(async () => {
	database = await createTestDatabase();
	territoryId = (await defaultTerritory(database.db)).scope.territoryId;
	auth = createAuth(database.db, { baseURL: 'http://localhost:3000', secret: 'test-secret-test-secret-test-secret' });
});
afterAll(() => database.close());
// Codes of the previous, current and next 30 s step are used below: never start a test at the very end of a step.
beforeEach(async () => {
	const left = 30_000 - (Date.now() % 30_000);
	if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
});

describe('turning two-step verification on', () => {
	it('shows the secret as a QR code drawn on the server (SVG), with the otpauth address and the backup codes', async () => {
		const { user, cookie } = await newPerson('qr@example.org');
		expect(await pendingTwoFactorSetup(database.db, auth, user)).toBeNull();
		await startTwoFactorSetup(database.db, auth, user, { password }, cookie);
		const setup = (await pendingTwoFactorSetup(database.db, auth, user))!;
		expect(setup.totpURI).toMatch(/^otpauth:\/\/totp\/Mixit%C3%A9%20Industrie:qr%40example\.org\?secret=[A-Z2-7]+&issuer=/);
		expect(new URL(setup.totpURI).searchParams.get('secret')).toBe(setup.secret);
		expect(setup.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
		const svg = Buffer.from(setup.qrCode.split(',')[1]!, 'base64').toString('utf8');
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox=/);
		expect(setup.backupCodes).toHaveLength(10);
		// The code the person's app computes from the secret shown is the one accepted.
		await verifyTotpCode(database.db, auth, { code: totp(setup.secret) }, cookie, { allowBackupCode: false });
		const [after] = await rows<{ two_factor_enabled: boolean }>(sql`select two_factor_enabled from "user" where id = ${user.id}`);
		expect(after?.two_factor_enabled).toBe(true);
	});

	it('opening the page again keeps the pending secret and backup codes; only an explicit restart makes new ones', async () => {
		const { user, cookie } = await newPerson('reopen@example.org');
		await startTwoFactorSetup(database.db, auth, user, { password }, cookie);
		const first = (await pendingTwoFactorSetup(database.db, auth, user))!;
		// Step 1 again (a second tab, the back button): nothing changes.
		await startTwoFactorSetup(database.db, auth, user, { password }, cookie);
		const again = (await pendingTwoFactorSetup(database.db, auth, user))!;
		expect(again.secret).toBe(first.secret);
		expect(again.backupCodes).toEqual(first.backupCodes);
		await startTwoFactorSetup(database.db, auth, user, { password }, cookie, { restart: true });
		const restarted = (await pendingTwoFactorSetup(database.db, auth, user))!;
		expect(restarted.secret).not.toBe(first.secret);
		expect(restarted.backupCodes).not.toEqual(first.backupCodes);
		const wrongPassword = await startTwoFactorSetup(database.db, auth, user, { password: 'pas le bon mot de passe' }, cookie, { restart: true }).catch(
			(e) => e
		);
		expect((wrongPassword as ValidationError).fields.password?.key).toBe('auth.password_incorrect');
		expect((await pendingTwoFactorSetup(database.db, auth, user))!.secret).toBe(restarted.secret);
	});

	it('a wrong code says the code is incorrect, and the backup codes stay shown until a right code confirms', async () => {
		const { user, cookie } = await newPerson('wrong@example.org');
		await startTwoFactorSetup(database.db, auth, user, { password }, cookie);
		const setup = (await pendingTwoFactorSetup(database.db, auth, user))!;
		const wrongCode = String((Number(totp(setup.secret)) + 1) % 1_000_000).padStart(6, '0');
		for (const code of [wrongCode, setup.backupCodes[0]!]) {
			const error = await verifyTotpCode(database.db, auth, { code }, cookie, { allowBackupCode: false }).catch((e) => e);
			expect((error as ValidationError).fields.code?.key).toBe('auth.totp_invalid');
		}
		const malformed = await verifyTotpCode(database.db, auth, { code: '12ab' }, cookie, { allowBackupCode: false }).catch((e) => e);
		expect((malformed as ValidationError).fields.code?.key).toBe('validation.totp');
		const still = (await pendingTwoFactorSetup(database.db, auth, user))!;
		expect(still.secret).toBe(setup.secret);
		expect(still.backupCodes).toEqual(setup.backupCodes);
		// As an authenticator app shows it, "123 456": the space is not part of the code.
		const code = totp(setup.secret);
		await verifyTotpCode(database.db, auth, { code: `${code.slice(0, 3)} ${code.slice(3)}` }, cookie, { allowBackupCode: false });
		expect(await pendingTwoFactorSetup(database.db, auth, user)).toBeNull();
	});
});

describe('each TOTP code works once', () => {
	async function enabledPerson(email: string) {
		const { user, cookie } = await newPerson(email);
		await startTwoFactorSetup(database.db, auth, user, { password }, cookie);
		const { secret, backupCodes } = (await pendingTwoFactorSetup(database.db, auth, user))!;
		// Turned on with the previous step's code (accepted drift), so that the current code is still unused.
		const on = await verifyTotpCode(database.db, auth, { code: totp(secret, Date.now() - 30_000) }, cookie, { allowBackupCode: false });
		// Turning it on gives her a new session: its cookie.
		return { user, secret, backupCodes, cookie: cookieOf(on.headers) };
	}
	const sessions = async (userId: string) => (await rows<{ id: string }>(sql`select id from session where user_id = ${userId}`)).length;
	const passwordStep = async (email: string, ip: string) => cookieOf((await signIn(database.db, auth, { email, password }, new Headers(), ip)).headers);

	it('the same code sent again within its 30 s window is refused, and opens no session', async () => {
		const { user, secret } = await enabledPerson('replay@example.org');
		const code = totp(secret);
		const first = await verifyTotpCode(database.db, auth, { code }, await passwordStep(user.email, '192.0.2.1'));
		expect(first.headers.getSetCookie().join()).toMatch(/session_token=/);
		const before = await sessions(user.id);
		const replay = await verifyTotpCode(database.db, auth, { code }, await passwordStep(user.email, '192.0.2.2')).catch((e) => e);
		expect((replay as ValidationError).fields.code?.key).toBe('auth.totp_invalid');
		expect(await sessions(user.id)).toBe(before);
		// The next code of the app still works.
		await verifyTotpCode(database.db, auth, { code: totp(secret, Date.now() + 30_000) }, await passwordStep(user.email, '192.0.2.3'));
	});

	/** Her code is used on another browser; here, the same code is refused. Returns this sign-in's pending cookie. */
	async function refusedReplay(email: string) {
		const person = await enabledPerson(email);
		const code = totp(person.secret);
		await verifyTotpCode(database.db, auth, { code }, await passwordStep(email, '192.0.2.20'));
		const pending = await passwordStep(email, '192.0.2.21');
		const replay = await verifyTotpCode(database.db, auth, { code }, pending).catch((e) => e);
		expect((replay as ValidationError).fields.code?.key).toBe('auth.totp_invalid');
		return { ...person, pending, sessionsBefore: await sessions(person.user.id) };
	}

	it('after a used code is refused, the same sign-in goes on with the next code of her app', async () => {
		const { user, secret, pending, sessionsBefore } = await refusedReplay('replay-next@example.org');
		const next = await verifyTotpCode(database.db, auth, { code: totp(secret, Date.now() + 30_000) }, pending);
		expect(next.headers.getSetCookie().join()).toMatch(/session_token=/);
		expect(await sessions(user.id)).toBe(sessionsBefore + 1);
	});

	it('after a used code is refused, the same sign-in goes on with an unused backup code', async () => {
		const { user, backupCodes, pending, sessionsBefore } = await refusedReplay('replay-backup@example.org');
		const result = await verifyTotpCode(database.db, auth, { code: backupCodes[0]! }, pending);
		expect(result.headers.getSetCookie().join()).toMatch(/session_token=/);
		expect(await sessions(user.id)).toBe(sessionsBefore + 1);
	});

	it('the pending sign-in is read from its signed cookie only: a cookie with a wrong signature names nobody', async () => {
		const { user } = await enabledPerson('pending-cookie@example.org');
		const pending = await passwordStep(user.email, '192.0.2.30');
		expect(await pendingTwoFactorUserId(auth, pending)).toBe(user.id);
		// The identifier kept, one character of its signature changed.
		const forged = new Headers({
			cookie: pending.get('cookie')!.replace(/(two_factor=[^;]*\.)(.)/, (_, head: string, c: string) => `${head}${c === 'a' ? 'b' : 'a'}`)
		});
		expect(forged.get('cookie')).not.toBe(pending.get('cookie'));
		expect(await pendingTwoFactorUserId(auth, forged)).toBeNull();
		expect(await pendingTwoFactorUserId(auth, new Headers())).toBeNull();
	});

	it('a code already used, sent again where she is signed in, is refused and her session is kept', async () => {
		const { user, secret, cookie } = await enabledPerson('replay-signed-in@example.org');
		const used = totp(secret, Date.now() - 30_000);
		const before = await sessions(user.id);
		const replay = await verifyTotpCode(database.db, auth, { code: used }, cookie, { allowBackupCode: false }).catch((e) => e);
		expect((replay as ValidationError).fields.code?.key).toBe('auth.totp_invalid');
		expect(await sessions(user.id)).toBe(before);
	});

	it('the same code sent twice at the same time opens one session only', async () => {
		const { user, secret } = await enabledPerson('race@example.org');
		const [a, b] = [await passwordStep(user.email, '192.0.2.10'), await passwordStep(user.email, '192.0.2.11')];
		const before = await sessions(user.id);
		const code = totp(secret);
		const results = await Promise.allSettled([verifyTotpCode(database.db, auth, { code }, a), verifyTotpCode(database.db, auth, { code }, b)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await sessions(user.id)).toBe(before + 1);
	});
});
