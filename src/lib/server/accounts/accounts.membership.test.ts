import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory, otherTerritory } from '../../../../tests/support/fixtures';
import type { Database } from '../db/client';
import { DomainError, ValidationError } from '../shared/errors';
import { ACCOUNT_ERROR_CODES, AccountNotFoundError } from './accounts.errors';
import { insertPlatformRole, insertRole, loadPrincipal } from './accounts.repository';
import { deactivateAccount, endMembership } from './accounts.usecases';
import type { Principal } from './permissions';
import { actorOf as principalActor } from '../../../../tests/support/actors';

let database: Database;
let A: number;
let B: number;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}
async function person(id: string, grants: { territoryId: number; role: string }[], admin = false): Promise<Principal> {
	await database.db.execute(sql`insert into "user" (id, name, email) values (${id}, ${id}, ${`${id}@example.org`})`);
	await database.db.execute(sql`insert into session (id, token, user_id, expires_at) values (${`s-${id}`}, ${`t-${id}`}, ${id}, now() + interval '1 hour')`);
	for (const g of grants) await insertRole(database.db, { userId: id, ...g });
	if (admin) await insertPlatformRole(database.db, id, 'admin');
	return (await loadPrincipal(database.db, id))!;
}
const actorOf = (p: Principal) => principalActor(p, { label: `${p.userId}@example.org` });
const journal = (territoryId: number) =>
	rows<{ action: string; entity_id: string }>(sql`select action, entity_id from audit_events where territory_id = ${territoryId} order by id`);

beforeAll(async () => {
	database = await createTestDatabase();
	A = (await defaultTerritory(database.db)).scope.territoryId;
	B = (await otherTerritory(database.db)).scope.territoryId;
});
afterAll(() => database.close());

describe('memberships and accounts', () => {
	it('a coordinator ends a membership in her territory only: the account and its other territories stay, recorded in her journal', async () => {
		const coordA = await person('coord-a', [{ territoryId: A, role: 'coordinator' }]);
		const both = await person('sophie', [
			{ territoryId: A, role: 'partner' },
			{ territoryId: B, role: 'coordinator' }
		]);
		await endMembership(database.db, { territoryId: A }, coordA, actorOf(coordA), both.userId);
		const after = await loadPrincipal(database.db, both.userId);
		expect(after?.roles).toEqual([{ territoryId: B, role: 'coordinator', organisationId: null }]);
		expect(await rows(sql`select id from session where user_id = ${both.userId}`)).toHaveLength(1);
		expect(await journal(A)).toEqual([{ action: 'end_membership', entity_id: both.userId }]);
		expect(await journal(B)).toEqual([]);
		// Ending it again, or her own membership: a French message, nothing changed.
		const again = await endMembership(database.db, { territoryId: A }, coordA, actorOf(coordA), both.userId).catch((e) => e);
		expect((again as ValidationError).fields._form?.key).toBe('members.not_member');
		const self = await endMembership(database.db, { territoryId: A }, coordA, actorOf(coordA), coordA.userId).catch((e) => e);
		expect((self as ValidationError).fields._form?.key).toBe('members.not_self');
		// Nor can she end a membership of another territory.
		const elsewhere = await endMembership(database.db, { territoryId: B }, coordA, actorOf(coordA), both.userId).catch((e) => e);
		expect((elsewhere as DomainError).status).toBe(404);
		expect(elsewhere).toBeInstanceOf(AccountNotFoundError);
		expect((elsewhere as DomainError).code).toBe(ACCOUNT_ERROR_CODES.notFound);
		expect((await loadPrincipal(database.db, both.userId))?.roles).toHaveLength(1);
	});

	it('a coordinator cannot deactivate an account: only a platform administrator can, recorded in every territory of the person', async () => {
		const coordA = await person('coord-a2', [{ territoryId: A, role: 'coordinator' }]);
		const nadia = await person('nadia', [
			{ territoryId: A, role: 'funder' },
			{ territoryId: B, role: 'partner' }
		]);
		const refused = await deactivateAccount(database.db, coordA, actorOf(coordA), nadia.userId).catch((e) => e);
		expect((refused as DomainError).status).toBe(404);
		expect((refused as DomainError).code).toBe('accounts.not_found');
		expect(await loadPrincipal(database.db, nadia.userId)).not.toBeNull();
		expect(await rows(sql`select id from session where user_id = ${nadia.userId}`)).toHaveLength(1);

		const admin = await person('admin', [], true);
		const before = { A: (await journal(A)).length, B: (await journal(B)).length };
		await deactivateAccount(database.db, admin, actorOf(admin), nadia.userId);
		expect(await loadPrincipal(database.db, nadia.userId)).toBeNull();
		expect(await rows(sql`select id from session where user_id = ${nadia.userId}`)).toHaveLength(0);
		expect((await journal(A)).slice(before.A)).toEqual([{ action: 'deactivate', entity_id: nadia.userId }]);
		expect((await journal(B)).slice(before.B)).toEqual([{ action: 'deactivate', entity_id: nadia.userId }]);
		const twice = await deactivateAccount(database.db, admin, actorOf(admin), nadia.userId).catch((e) => e);
		expect((twice as ValidationError).fields._form?.key).toBe('members.already_inactive');
	});
});
