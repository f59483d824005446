import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, otherTerritory, validationFields } from '../../../../tests/support/fixtures';
import { lastMail } from '../../../../tests/support/outbox';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import type { Database } from '../db/client';
import { TerritoryArchivedError } from '../territories/territories.errors';
import { archiveTerritory } from '../territories/territories.usecases';
import { createAuth } from './auth';
import { loadPrincipal } from './accounts.repository';
import { endMembership, myTerritories } from './accounts.usecases';
import { acceptInvitation, invitationOverview, inviteUser, joinTerritory } from './accounts.invitations';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-memberships-'));
process.env.DATA_DIR = dataDir;
const password = 'une longue phrase de passe';
const base = 'http://localhost:3000';

const fresh = freshDatabasePerTest(async (database) => {
	const a = await defaultTerritory(database.db);
	const b = await otherTerritory(database.db);
	const auth = createAuth(database.db, { baseURL: base, secret: 'test-secret-test-secret-test-secret' });
	return { A: a.scope.territoryId, B: b.scope.territoryId, auth };
});

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

const coordinatorOf = (territoryId: number, userId: string) =>
	actorOf({ userId, platformAdmin: false, roles: [{ territoryId, role: 'coordinator', organisationId: null }] }, { label: `${userId}@example.org` });

/** Sophie, funder in territory A, with an account (invited and accepted there). */
async function sophieInA(database: Database, A: number, auth: ReturnType<typeof createAuth>) {
	const { link } = await inviteUser(
		database.db,
		{ territoryId: A },
		adminActor('admin'),
		{ email: 'sophie@example.org', role: 'funder', organisationId: '' },
		base
	);
	await acceptInvitation(database.db, auth, link.split('/invitation/')[1]!, { name: 'Sophie Leroy', password, passwordConfirm: password });
	const [user] = await rows<{ id: string }>(database, sql`select id from "user" where email = 'sophie@example.org'`);
	return { id: user!.id, email: 'sophie@example.org' };
}

describe('one person, several territories', () => {
	it('inviting an address that already has an account adds a membership in the second territory, accepted while signed in; both memberships hold', async () => {
		const { database, A, B, auth } = fresh();
		const sophie = await sophieInA(database, A, auth);
		const coordB = coordinatorOf(B, 'coord-b');
		const { link } = await inviteUser(database.db, { territoryId: B }, coordB, { email: 'Sophie@Example.org', role: 'coordinator', organisationId: '' }, base);
		const token = link.split('/invitation/')[1]!;
		// The e-mail tells her to sign in, not to create an account.
		expect(await lastMail(dataDir, 'sophie@example.org', { db: database.db })).toContain('Vous avez déjà un compte');
		expect(await invitationOverview(database.db, token)).toMatchObject({ email: 'sophie@example.org', role: 'coordinator', hasAccount: true });

		// Creating a second account with the link is refused, and the link stays usable.
		expect(await validationFields(acceptInvitation(database.db, auth, token, { name: 'Sophie', password, passwordConfirm: password }))).toEqual({
			_form: 'invitation.sign_in_first'
		});
		// Someone else signed in cannot take it.
		expect(await validationFields(joinTerritory(database.db, token, { id: 'intrus', email: 'intrus@example.org' }, adminActor('intrus')))).toEqual({
			_form: 'invitation.other_account'
		});

		const principal = (await loadPrincipal(database.db, sophie.id))!;
		const joined = await joinTerritory(database.db, token, sophie, actorOf(principal, { label: sophie.email }));
		expect(joined.territorySlug).toBe('autre-territoire');
		const roles = await rows<{ territory_id: number; role: string }>(
			database,
			sql`select territory_id, role from territory_roles where user_id = ${sophie.id} order by territory_id`
		);
		expect(roles).toEqual([
			{ territory_id: A, role: 'funder' },
			{ territory_id: B, role: 'coordinator' }
		]);
		expect(await rows(database, sql`select count(*)::int as n from "user" where email = 'sophie@example.org'`)).toEqual([{ n: 1 }]);
		expect(await rows(database, sql`select action, entity_id from audit_events where territory_id = ${B} and action = 'join'`)).toEqual([
			{ action: 'join', entity_id: sophie.id }
		]);
		// The invitation works once.
		expect(await invitationOverview(database.db, token)).toBeNull();
		expect(await validationFields(joinTerritory(database.db, token, sophie, actorOf(principal)))).toEqual({ _form: 'auth.invitation_invalid' });

		// She sees both territories, with her role in each, to move between them.
		const mine = await myTerritories(database.db, await loadPrincipal(database.db, sophie.id));
		expect(mine.map((t) => ({ slug: t.slug, roles: t.roles }))).toEqual([
			{ slug: 'autre-territoire', roles: ['coordinator'] },
			{ slug: 'flandre-saint-omer', roles: ['funder'] }
		]);
	});

	it('ending her membership in one territory, by that territory’s coordinator, leaves the other membership and the account as they were', async () => {
		const { database, A, B, auth } = fresh();
		const sophie = await sophieInA(database, A, auth);
		const { link } = await inviteUser(
			database.db,
			{ territoryId: B },
			coordinatorOf(B, 'coord-b'),
			{ email: sophie.email, role: 'funder', organisationId: '' },
			base
		);
		await joinTerritory(database.db, link.split('/invitation/')[1]!, sophie, actorOf((await loadPrincipal(database.db, sophie.id))!));

		// Territory A's coordinator cannot end her membership of B.
		const coordA = coordinatorOf(A, 'coord-a');
		await expect(endMembership(database.db, { territoryId: B }, coordA.principal, coordA, sophie.id)).rejects.toMatchObject({ status: 404 });
		const coordB = coordinatorOf(B, 'coord-b');
		await endMembership(database.db, { territoryId: B }, coordB.principal, coordB, sophie.id);
		expect(await rows(database, sql`select territory_id, role from territory_roles where user_id = ${sophie.id}`)).toEqual([
			{ territory_id: A, role: 'funder' }
		]);
		expect(await rows(database, sql`select deactivated_at from "user" where id = ${sophie.id}`)).toEqual([{ deactivated_at: null }]);
	});

	it('inviting someone to a role she already holds in this territory is refused next to the e-mail field', async () => {
		const { database, A, auth } = fresh();
		await sophieInA(database, A, auth);
		expect(
			await validationFields(
				inviteUser(database.db, { territoryId: A }, adminActor('admin'), { email: 'sophie@example.org', role: 'funder', organisationId: '' }, base)
			)
		).toEqual({ email: 'members.already_member' });
	});

	it('an invitation into a territory archived since it was sent cannot be accepted, and the invitation stays pending', async () => {
		const { database, A, B, auth } = fresh();
		const sophie = await sophieInA(database, A, auth);
		const { link } = await inviteUser(
			database.db,
			{ territoryId: B },
			coordinatorOf(B, 'coord-b'),
			{ email: sophie.email, role: 'funder', organisationId: '' },
			base
		);
		await archiveTerritory(database.db, adminActor('admin'), { territoryId: B });
		await expect(
			joinTerritory(database.db, link.split('/invitation/')[1]!, sophie, actorOf((await loadPrincipal(database.db, sophie.id))!))
		).rejects.toBeInstanceOf(TerritoryArchivedError);
		expect(await rows(database, sql`select territory_id from territory_roles where user_id = ${sophie.id}`)).toEqual([{ territory_id: A }]);
		expect(await invitationOverview(database.db, link.split('/invitation/')[1]!)).not.toBeNull();
	});
});
