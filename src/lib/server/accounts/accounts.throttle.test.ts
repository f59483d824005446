import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory } from '../../../../tests/support/fixtures';
import type { Database } from '../db/client';
import { ValidationError } from '../shared/errors';
import { createAuth } from './auth';
import { completeSetup, createSetupLink, signIn } from './accounts.usecases';
import { blockedFor, recordFailure, THROTTLE_RULES, throttleKey } from './throttle';

let database: Database;
let auth: ReturnType<typeof createAuth>;
const password = 'une phrase de passe solide';
const email = 'claire@example.org';

beforeAll(async () => {
	database = await createTestDatabase();
	const territoryId = (await defaultTerritory(database.db)).scope.territoryId;
	auth = createAuth(database.db, { baseURL: 'http://localhost:3000', secret: 'test-secret-test-secret-test-secret' });
	const link = await createSetupLink(database.db, territoryId, 'http://localhost:3000');
	await completeSetup(database.db, auth, link.split('/installation/')[1]!, { name: 'Claire', email, password, passwordConfirm: password });
});
afterAll(() => database.close());
beforeEach(async () => {
	await database.db.execute(sql`delete from sign_in_throttle`);
});

/** How each attempt of a burst ended: evaluated (right or wrong password) or refused unevaluated. */
async function outcomes(attempts: Promise<unknown>[]) {
	const results = await Promise.all(
		attempts.map((a) => a.then(() => 'signed_in' as const).catch((e: unknown) => (e as ValidationError).fields?._form?.key ?? String(e)))
	);
	return {
		evaluated: results.filter((r) => r === 'auth.invalid' || r === 'signed_in').length,
		throttled: results.filter((r) => r === 'auth.throttled').length,
		other: results.filter((r) => !['auth.invalid', 'signed_in', 'auth.throttled'].includes(r))
	};
}

describe('sign-in throttling under concurrency', () => {
	it('a burst of wrong passwords for one account, from many IPs, is evaluated at most up to the allowance; the right password is then refused', async () => {
		const burst = Array.from({ length: 40 }, (_, i) =>
			signIn(database.db, auth, { email, password: `mauvais mot de passe ${i}` }, new Headers(), `192.0.2.${i}`)
		);
		const result = await outcomes(burst);
		expect(result.other).toEqual([]);
		expect(result.evaluated).toBeLessThanOrEqual(THROTTLE_RULES.account.free + 1);
		expect(result.throttled).toBe(40 - result.evaluated);
		const after = await signIn(database.db, auth, { email, password }, new Headers(), '198.51.100.7').catch((e) => e);
		expect((after as ValidationError).fields._form?.key).toBe('auth.throttled');
	});

	it('a burst from one IP over many accounts is evaluated at most up to the IP allowance', async () => {
		const burst = Array.from({ length: 60 }, (_, i) =>
			signIn(database.db, auth, { email: `personne${i}@example.org`, password: 'mauvais mot de passe' }, new Headers(), '203.0.113.9')
		);
		const result = await outcomes(burst);
		expect(result.other).toEqual([]);
		expect(result.evaluated).toBeLessThanOrEqual(THROTTLE_RULES.ip.free + 1);
		const after = await signIn(database.db, auth, { email, password }, new Headers(), '203.0.113.9').catch((e) => e);
		expect((after as ValidationError).fields._form?.key).toBe('auth.throttled');
	});

	it('successful sign-ins give their attempt back: an office behind one IP is never blocked by its own sign-ins', async () => {
		for (let i = 0; i < THROTTLE_RULES.ip.free + 5; i++) await signIn(database.db, auth, { email, password }, new Headers(), '198.51.100.50');
		expect(await blockedFor(database.db, throttleKey('ip', '198.51.100.50'))).toBe(0);
		expect(await blockedFor(database.db, throttleKey('account', email))).toBe(0);
	});

	it('password-reset requests are counted while blocked: hammering extends the block up to the cap', async () => {
		const key = throttleKey('reset', '192.0.2.77');
		const now = new Date('2026-11-20T10:00:00Z');
		for (let i = 0; i < THROTTLE_RULES.reset.free + 1; i++) await recordFailure(database.db, 'reset', key, now);
		expect(await blockedFor(database.db, key, now)).toBe(60_000);
		await recordFailure(database.db, 'reset', key, now);
		expect(await blockedFor(database.db, key, now)).toBe(120_000);
		for (let i = 0; i < 20; i++) await recordFailure(database.db, 'reset', key, now);
		expect(await blockedFor(database.db, key, now)).toBe(THROTTLE_RULES.reset.maxBlock);
	});
});
