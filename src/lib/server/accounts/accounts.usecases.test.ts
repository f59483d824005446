import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { countRows, defaultTerritory } from '../../../../tests/support/fixtures';
import type { Database } from '../db/client';
import { ValidationError } from '../shared/errors';
import { createAuth } from './auth';
import { completeSetup, createSetupLink, isSetupLinkUsable, signIn } from './accounts.usecases';

let database: Database;
let auth: ReturnType<typeof createAuth>;
let territoryId: number;
const password = 'une phrase de passe solide';

beforeAll(async () => {
	database = await createTestDatabase();
	territoryId = (await defaultTerritory(database.db)).scope.territoryId;
	auth = createAuth(database.db, { baseURL: 'http://localhost:3000', secret: 'test-secret-test-secret-test-secret' });
});
afterAll(() => database.close());

const tokenOf = (link: string) => link.split('/installation/')[1]!;

describe('the first coordinator', () => {
	it('is created once from the one-time link, with the coordinator role, and can then sign in', async () => {
		const token = tokenOf(await createSetupLink(database.db, territoryId, 'http://localhost:3000'));
		expect(await isSetupLinkUsable(database.db, token)).toBe(true);
		const { headers } = await completeSetup(database.db, auth, token, { name: 'Claire', email: 'Claire@Example.org', password, passwordConfirm: password });
		expect(headers.get('set-cookie')).toMatch(/session_token/);
		const roles = (
			(await database.db.execute(sql`select role, territory_id from territory_roles`)) as unknown as { rows: { role: string; territory_id: number }[] }
		).rows;
		expect(roles).toEqual([{ role: 'coordinator', territory_id: territoryId }]);
		expect(await isSetupLinkUsable(database.db, token)).toBe(false);
		await expect(
			completeSetup(database.db, auth, token, { name: 'Eve', email: 'eve@example.org', password, passwordConfirm: password })
		).rejects.toBeInstanceOf(ValidationError);
		const signedIn = await signIn(database.db, auth, { email: 'claire@example.org', password }, new Headers(), '127.0.0.1');
		expect(signedIn.headers.get('set-cookie')).toMatch(/session_token/);
	});

	it('no password is stored in clear and no default account exists', async () => {
		const stored = ((await database.db.execute(sql`select password from account`)) as unknown as { rows: { password: string }[] }).rows;
		expect(stored.every((r) => r.password !== password && r.password.length > 40)).toBe(true);
	});

	it('a short password, mismatched confirmation or wrong credentials are refused in French terms', async () => {
		const token = tokenOf(await createSetupLink(database.db, territoryId, 'http://localhost:3000'));
		const users = await countRows(database.db, '"user"');
		const error = await completeSetup(database.db, auth, token, { name: 'A', email: 'a@example.org', password: 'court', passwordConfirm: 'autre' }).catch(
			(e) => e
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields.password?.key).toBe('validation.password_short');
		expect(await countRows(database.db, '"user"')).toBe(users);
		expect(await isSetupLinkUsable(database.db, token)).toBe(true);
		const wrong = await signIn(database.db, auth, { email: 'claire@example.org', password: 'pas le bon mot de passe' }, new Headers(), '127.0.0.2').catch(
			(e) => e
		);
		expect((wrong as ValidationError).fields._form?.key).toBe('auth.invalid');
	});

	it('an expired link no longer works', async () => {
		const token = tokenOf(await createSetupLink(database.db, territoryId, 'http://localhost:3000', new Date(Date.now() - 100 * 3_600_000)));
		expect(await isSetupLinkUsable(database.db, token)).toBe(false);
	});
});

describe('platform administrators', () => {
	it('`mixite user create --admin` links create an account that administers every territory', async () => {
		const { loadPrincipal } = await import('./accounts.repository');
		const link = await createSetupLink(database.db, territoryId, 'http://localhost:3000', new Date(), 'admin');
		await completeSetup(database.db, auth, tokenOf(link), { name: 'Admin', email: 'admin@example.org', password, passwordConfirm: password });
		const [admin] = ((await database.db.execute(sql`select id from "user" where email = 'admin@example.org'`)) as unknown as { rows: { id: string }[] }).rows;
		const principal = await loadPrincipal(database.db, admin!.id);
		expect(principal).toMatchObject({ platformAdmin: true, roles: [] });
	});
});
