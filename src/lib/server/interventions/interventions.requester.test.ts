import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf } from '../../../../tests/support/actors';
import { defaultTerritory, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { insertRole, loadPrincipal, markEmailVerified } from '../accounts/accounts.repository';
import { acceptInvitation } from '../accounts/accounts.invitations';
import { createAuth } from '../accounts/auth';
import { can, type Principal } from '../accounts/permissions';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { requestCounts } from './interventions.counts';
import { followCancel, followPage, followUpdate, submitRequest } from './interventions.public';
import { myRequests, offerRequesterAccount } from './interventions.requester';
import { interventionReports } from './interventions.table';
import { schoolForm } from '../../../../tests/support/intervention-forms';
import { requestBoard } from './interventions.usecases';

const fresh = freshDatabasePerTest(async (database) => ({
	t: await defaultTerritory(database.db),
	auth: createAuth(database.db, { baseURL: 'http://localhost:3000', secret: 'test-secret-test-secret-test-secret' })
}));

const PASSWORD = 'une phrase de passe assez longue';
const NOW = new Date('2026-02-20T10:00:00Z');

let ip = 0;
/** A request from the public form, as a school would send it (each from its own address: the form's rate limit stays out of the way). */
async function requestFrom(db: Db, scope: TerritoryScope, overrides: Record<string, string> = {}, now = NOW) {
	ip += 1;
	return submitRequest(db, scope, schoolForm(now, { contactPhone: '', ...overrides }), { ip: `203.0.113.${ip}`, now });
}

function tokenIn(text: string, path: string): string {
	const m = new RegExp(`/${path}/([A-Za-z0-9_-]+)`).exec(text);
	if (!m) throw new Error(`no /${path}/ link in: ${text}`);
	return m[1]!;
}

async function accountOf(db: Db, email: string, roles: { territoryId: number; role: string; organisationId?: number | null }[], verified = true) {
	const { auth } = fresh();
	const result = await auth.api.signUpEmail({ body: { name: email.split('@')[0]!, email, password: PASSWORD } });
	if (verified) await markEmailVerified(db, result.user.id);
	for (const r of roles) await insertRole(db, { userId: result.user.id, ...r });
	return (await loadPrincipal(db, result.user.id))!;
}

describe('requester accounts', () => {
	it('from her follow link, a requester receives at the request’s address a link that creates her requester account, and then sees every request made with her address and no other', async () => {
		const { database, t, auth } = fresh();
		const db = database.db;
		const first = await requestFrom(db, t.scope);
		const second = await requestFrom(db, t.scope, { contactEmail: 'Claire.Martin@College.example', kindCode: 'forum_stand' });
		const someoneElse = await requestFrom(db, t.scope, { contactEmail: 'paul@lycee.example', contactName: 'Paul Durand', organisationName: 'Lycée Ribot' });
		const neighbour = await otherTerritory(db);
		await requestFrom(db, neighbour.scope, { communeCode: neighbour.communeCode });

		expect(await offerRequesterAccount(db, first.followToken)).toBe('invitation');
		const [invitation] = await rows<{ email: string; role: string; territory_id: number }>(db, sql`select email, role, territory_id from invitations`);
		expect(invitation).toEqual({ email: 'claire.martin@college.example', role: 'requester', territory_id: t.scope.territoryId });
		const [mail] = await rows<{ to_address: string; text_body: string }>(
			db,
			sql`select to_address, text_body from mail_outbox where kind = 'requester.account'`
		);
		expect(mail?.to_address).toBe('claire.martin@college.example');

		await acceptInvitation(db, auth, tokenIn(mail!.text_body, 'invitation'), { name: 'Claire Martin', password: PASSWORD, passwordConfirm: PASSWORD });
		const [account] = await rows<{ id: string }>(db, sql`select id from "user" where email = 'claire.martin@college.example'`);
		const principal = (await loadPrincipal(db, account!.id))!;
		expect(principal.roles).toEqual([{ territoryId: t.scope.territoryId, role: 'requester', organisationId: null }]);

		const mine = await myRequests(db, t.scope, actorOf(principal));
		expect(mine.verified).toBe(true);
		expect(mine.requests.map((r) => r.id).sort()).toEqual([first.requestId, second.requestId].sort());
		expect(mine.requests.map((r) => r.id)).not.toContain(someoneElse.requestId);
		// Her own page in the neighbouring territory holds none of them (she has no role there: nothing at all).
		expect((await myRequests(db, neighbour.scope, actorOf(principal))).requests).toEqual([]);
	});

	it('another requester account, with another address, sees none of her requests', async () => {
		const { database, t } = fresh();
		const db = database.db;
		await requestFrom(db, t.scope);
		const other = await accountOf(db, 'intruse@example.org', [{ territoryId: t.scope.territoryId, role: 'requester' }]);
		expect((await myRequests(db, t.scope, actorOf(other))).requests).toEqual([]);
	});

	it('an account whose address is not verified sees no request, even one made with that address', async () => {
		const { database, t } = fresh();
		const db = database.db;
		await requestFrom(db, t.scope);
		const unverified = await accountOf(db, 'claire.martin@college.example', [{ territoryId: t.scope.territoryId, role: 'requester' }], false);
		const mine = await myRequests(db, t.scope, actorOf(unverified));
		expect(mine).toMatchObject({ verified: false, requests: [] });
	});

	it('from her account she opens, edits and cancels her own request as her private link allows; another account, an unverified one or an unknown id gets the same 404', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const mine = await requestFrom(db, t.scope);
		const theirs = await requestFrom(db, t.scope, { contactEmail: 'paul@lycee.example', contactName: 'Paul Durand' });
		const claire = actorOf(await accountOf(db, 'claire.martin@college.example', [{ territoryId: t.scope.territoryId, role: 'requester' }]));
		const key = { scope: t.scope, actor: claire, id: mine.requestId };
		const page = await followPage(db, key);
		expect(page.problem).toBeNull();
		expect(page.result).toMatchObject({ editable: true, canCancel: true, values: { expectedSize: '28' } });
		expect(await followUpdate(db, key, { ...page.result!.values, expectedSize: '30' }, NOW)).toMatchObject({ problem: null });
		expect(await followCancel(db, key, { note: 'Sortie annulée' }, NOW)).toMatchObject({ problem: null });
		const [row] = await rows<{ expected_size: number; state: string }>(
			db,
			sql`select expected_size, state from intervention_requests where id = ${mine.requestId}`
		);
		expect(row).toEqual({ expected_size: 30, state: 'cancelled' });

		const hers = await requestFrom(db, t.scope, { contactEmail: 'claire.bis@college.example' });
		const unverified = actorOf(await accountOf(db, 'claire.bis@college.example', [{ territoryId: t.scope.territoryId, role: 'requester' }], false));
		for (const k of [
			{ scope: t.scope, actor: claire, id: theirs.requestId },
			{ scope: t.scope, actor: claire, id: 999_999 },
			{ scope: t.scope, actor: unverified, id: hers.requestId }
		]) {
			expect(await followPage(db, k)).toEqual({ problem: 'unknown', result: null });
			expect(await followCancel(db, k, {}, NOW)).toEqual({ problem: 'unknown', result: null });
		}
		const [other] = await rows<{ state: string }>(db, sql`select state from intervention_requests where id = ${theirs.requestId}`);
		expect(other!.state).toBe('submitted');
	});

	it('asked twice in a row, the offer sends one e-mail; an address that already holds the role gets a sign-in link and no new invitation', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const { followToken } = await requestFrom(db, t.scope);
		expect(await offerRequesterAccount(db, followToken, NOW)).toBe('invitation');
		expect(await offerRequesterAccount(db, followToken, NOW)).toBe('already_sent');
		expect(await rows(db, sql`select id from mail_outbox where kind like 'requester.%'`)).toHaveLength(1);

		await accountOf(db, 'claire.martin@college.example', [{ territoryId: t.scope.territoryId, role: 'requester' }]);
		await db.execute(sql`update mail_outbox set created_at = created_at - interval '1 hour'`);
		expect(await offerRequesterAccount(db, followToken, new Date())).toBe('sign_in');
		const mails = await rows<{ kind: string; text_body: string }>(db, sql`select kind, text_body from mail_outbox order by id desc limit 1`);
		expect(mails[0]?.kind).toBe('requester.sign_in');
		expect(mails[0]?.text_body).toContain('/connexion?redirect=');
		expect(await rows(db, sql`select id from invitations`)).toHaveLength(1);
	});

	it('an unknown follow link offers nothing and writes nothing', async () => {
		const { database } = fresh();
		await expect(offerRequesterAccount(database.db, 'lien-inconnu-0123456789', NOW)).rejects.toThrow();
		expect(await rows(database.db, sql`select id from invitations`)).toHaveLength(0);
		expect(await rows(database.db, sql`select id from mail_outbox`)).toHaveLength(0);
	});
});

describe('the requests in figures', () => {
	it('counts requests by state, kind, requester kind and month, interventions and people reported, and names nobody', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const a = await requestFrom(db, t.scope);
		await requestFrom(db, t.scope, { requesterKind: 'firm', organisationName: 'Arc France', contactName: 'Nadia Zerrouki', contactEmail: 'nadia@arc.example' });
		const march = await requestFrom(db, t.scope, { kindCode: 'forum_stand' });
		// Received on 31 March at 23:30 in Paris (21:30 UTC): counted in March, the month in Paris.
		await db.execute(sql`update intervention_requests set created_at = '2026-02-20T10:00:00Z' where id <> ${march.requestId}`);
		await db.execute(sql`update intervention_requests set created_at = '2026-03-31T21:30:00Z' where id = ${march.requestId}`);
		await db.execute(sql`update intervention_requests set state = 'reported' where id = ${a.requestId}`);
		await db.insert(interventionReports).values([
			{
				territoryId: t.scope.territoryId,
				requestId: a.requestId,
				reporterKind: 'requester',
				outcome: 'applied',
				counts: [
					{ audience: 'girls', level: 'college', count: 14 },
					{ audience: 'boys', level: 'college', count: 12 }
				]
			},
			{
				territoryId: t.scope.territoryId,
				requestId: a.requestId,
				reporterKind: 'role_model',
				outcome: 'conflicting',
				counts: [{ audience: 'girls', level: 'college', count: 99 }]
			}
		]);
		const funder = await accountOf(db, 'region@example.org', [{ territoryId: t.scope.territoryId, role: 'funder' }]);

		const counts = await requestCounts(db, t.scope, actorOf(funder));
		expect(counts.total).toBe(3);
		expect(counts.byState.find((s) => s.key === 'submitted')?.count).toBe(2);
		expect(counts.interventions).toEqual({ confirmed: 0, done: 0, reported: 1 });
		expect(counts.byRequesterKind.find((k) => k.key === 'firm')?.count).toBe(1);
		expect(counts.byKind.map((k) => [k.key, k.count])).toEqual(
			expect.arrayContaining([
				['classroom_talk', 2],
				['forum_stand', 1]
			])
		);
		expect(counts.byMonth).toEqual([
			{ key: '2026-02', count: 2 },
			{ key: '2026-03', count: 1 }
		]);
		expect(counts.peopleReported).toBe(26);
		const shown = JSON.stringify(counts);
		for (const secret of ['Claire', 'Nadia', 'Zerrouki', 'college.example', 'arc.example', 'Arc France', 'Jean Jaurès']) expect(shown).not.toContain(secret);
	});

	it('a funder reads the counts but not the board; a partner counts only the requests of her initiatives', async () => {
		const { database, t } = fresh();
		const db = database.db;
		await requestFrom(db, t.scope);
		const funder: Principal = { userId: 'funder', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'funder', organisationId: null }] };
		expect(can(funder, 'request.counts', t.scope.territoryId)).toBe(true);
		expect(can(funder, 'request.read', t.scope.territoryId)).toBe(false);
		expect((await requestBoard(db, t.scope, actorOf(funder))).columns.every((c) => c.items.length === 0)).toBe(true);
		expect((await requestCounts(db, t.scope, actorOf(funder))).total).toBe(1);

		const [org] = await rows<{ id: number }>(db, sql`select id from organisations where territory_id = ${t.scope.territoryId} order by id limit 1`);
		const partner: Principal = {
			userId: 'partner',
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: org!.id }]
		};
		// The request has no network yet: it counts under no initiative, so under none of hers.
		expect((await requestCounts(db, t.scope, actorOf(partner))).total).toBe(0);
		const requester: Principal = { userId: 'r', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'requester', organisationId: null }] };
		expect(can(requester, 'request.counts', t.scope.territoryId)).toBe(false);
	});
});
