import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory, doneActivity } from '../../../../tests/support/fixtures';
import type { Principal } from '../accounts/permissions';
import { can } from '../accounts/permissions';
import type { Database } from '../db/client';
import { listOrganisations } from '../organisations/organisations.repository';
import { listAllInitiativeOrganisations } from '../plan/plan.repository';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { Actor } from '../shared/scope';
import { actorOf } from '../../../../tests/support/actors';
import { activityReach, mayEditActivity } from './activities.policy';
import {
	activityHistory,
	cancelActivity,
	createActivity,
	exportActivities,
	getActivity,
	listActivities,
	updateActivity,
	viewActivity
} from './activities.usecases';
import { parseActivityFilters } from './activities.schemas';

const today = '2026-11-20';
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let partner: Actor;
let coordinator: Actor;
let funder: Actor;
let capitalFillesInitiative: number;
let verrEllesInitiative: number;

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	const capital = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Capital Filles')!;
	const principal: Principal = {
		userId: 'lea',
		platformAdmin: false,
		roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: capital.id }]
	};
	partner = actorOf(principal, { label: 'lea@capital-filles.example', ip: '10.1.1.1' });
	coordinator = actorOf(
		{ userId: 'claire', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'coordinator', organisationId: null }] },
		{ label: 'claire@capso.example', ip: '10.1.1.2' }
	);
	funder = actorOf({ userId: 'fanny', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'funder', organisationId: null }] });
	capitalFillesInitiative = t.initiatives.find((i) => i.slug === 'capital-filles')!.id;
	verrEllesInitiative = t.initiatives.find((i) => i.slug === 'verr-elles')!.id;
});
afterAll(() => database.close());

describe('a partner works within her organisation’s initiatives', () => {
	it('her organisation takes part only in the Capital Filles agreement: the policy reaches that initiative only, to read and to write', async () => {
		const links = await listAllInitiativeOrganisations(database.db, t.scope);
		expect(activityReach(partner.principal, t.scope.territoryId, 'write', links)).toEqual([capitalFillesInitiative]);
		expect(activityReach(partner.principal, t.scope.territoryId, 'read', links)).toEqual([capitalFillesInitiative]);
		// In another territory she reaches nothing (fail-closed), whatever the links say.
		expect(activityReach(partner.principal, t.scope.territoryId + 1000, 'read', links)).toEqual([]);
	});

	it('a partner records an activity for an initiative her organisation takes part in', async () => {
		const row = await createActivity(database.db, t.scope, partner, doneActivity(capitalFillesInitiative), { today });
		expect(row.createdBy).toBe('lea');
	});

	it('a partner cannot record an activity for an initiative her organisation does not take part in', async () => {
		const error = await createActivity(database.db, t.scope, partner, doneActivity(verrEllesInitiative), { today }).catch((e) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields.initiativeId?.key).toBe('validation.initiative_not_yours');
	});

	it('a partner neither sees nor changes the activities of other initiatives, and learns nothing of them', async () => {
		const theirs = await createActivity(database.db, t.scope, coordinator, doneActivity(verrEllesInitiative), { today });
		await expect(getActivity(database.db, t.scope, partner, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			updateActivity(database.db, t.scope, partner, theirs.id, theirs.version, doneActivity(capitalFillesInitiative), { today })
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(cancelActivity(database.db, t.scope, partner, theirs.id, theirs.version, { reason: 'x' })).rejects.toBeInstanceOf(NotFoundError);
		const list = await listActivities(database.db, t.scope, partner, parseActivityFilters(new URLSearchParams()));
		expect(list.rows.every((r) => r.initiativeId === capitalFillesInitiative)).toBe(true);
		expect(list.count).toBe(1);
	});

	it('the permission matrix: a funder reads but never writes; a role model reads no activity', () => {
		const funder: Principal = { userId: 'f', platformAdmin: false, roles: [{ territoryId: 1, role: 'funder', organisationId: null }] };
		const roleModel: Principal = { userId: 'r', platformAdmin: false, roles: [{ territoryId: 1, role: 'role_model', organisationId: null }] };
		expect(can(funder, 'activity.read', 1)).toBe(true);
		expect(can(funder, 'activity.create', 1)).toBe(false);
		expect(can(funder, 'activity.read', 2)).toBe(false);
		expect(can(roleModel, 'activity.read', 1)).toBe(false);
		expect(can({ userId: 'a', platformAdmin: true, roles: [] }, 'user.manage', 42)).toBe(true);
	});
});

describe('the activities policy, fail-closed', () => {
	it('the read or write mode comes from the use case: a funder lists every activity but writes none', async () => {
		const links = await listAllInitiativeOrganisations(database.db, t.scope);
		expect(activityReach(funder.principal, t.scope.territoryId, 'read', links)).toBe('all');
		expect(activityReach(funder.principal, t.scope.territoryId, 'write', links)).toEqual([]);
		const theirs = await createActivity(database.db, t.scope, coordinator, doneActivity(verrEllesInitiative, { title: 'Lu par la financeuse' }), { today });
		expect((await getActivity(database.db, t.scope, funder, theirs.id)).title).toBe('Lu par la financeuse');
		const error = await createActivity(database.db, t.scope, funder, doneActivity(verrEllesInitiative), { today }).catch((e) => e);
		expect((error as ValidationError).fields.initiativeId?.key).toBe('validation.initiative_not_yours');
		await expect(updateActivity(database.db, t.scope, funder, theirs.id, theirs.version, doneActivity(verrEllesInitiative), { today })).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(cancelActivity(database.db, t.scope, funder, theirs.id, theirs.version, { reason: 'x' })).rejects.toBeInstanceOf(NotFoundError);
	});

	it('the activity page: editable for her own initiative, a 404 for another one; a funder reads but may not edit', async () => {
		const hers = await createActivity(database.db, t.scope, partner, doneActivity(capitalFillesInitiative, { title: 'Page de Léa' }), { today });
		const theirs = await createActivity(database.db, t.scope, coordinator, doneActivity(verrEllesInitiative), { today });
		const page = await viewActivity(database.db, t.scope, partner, hers.id);
		expect(page.editable).toBe(true);
		expect(page.options.initiatives.map((i) => i.id)).toEqual([capitalFillesInitiative]);
		await expect(viewActivity(database.db, t.scope, partner, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await viewActivity(database.db, t.scope, funder, theirs.id)).editable).toBe(false);
		expect((await viewActivity(database.db, t.scope, coordinator, theirs.id)).editable).toBe(true);
		// The rule itself: an activity outside her write reach is never editable, even with the permission.
		const links = await listAllInitiativeOrganisations(database.db, t.scope);
		const reach = activityReach(partner.principal, t.scope.territoryId, 'write', links);
		expect(mayEditActivity(partner.principal, t.scope.territoryId, reach, { initiativeId: verrEllesInitiative })).toBe(false);
		expect(mayEditActivity(partner.principal, t.scope.territoryId, reach, { initiativeId: capitalFillesInitiative })).toBe(true);
	});

	it('someone with no role in the territory reaches no activity at all, even with a principal', async () => {
		const stranger = actorOf({
			userId: 'x',
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId + 1000, role: 'coordinator', organisationId: null }]
		});
		const list = await listActivities(database.db, t.scope, stranger, parseActivityFilters(new URLSearchParams()));
		expect(list.count).toBe(0);
		expect((await exportActivities(database.db, t.scope, stranger, {})).rows).toEqual([]);
	});
});

describe('the audit trail', () => {
	it('records who created, changed and cancelled an activity, when, from where, with the values before and after', async () => {
		const created = await createActivity(database.db, t.scope, coordinator, doneActivity(capitalFillesInitiative, { title: 'Atelier' }), { today });
		const updated = await updateActivity(
			database.db,
			t.scope,
			partner,
			created.id,
			created.version,
			doneActivity(capitalFillesInitiative, { title: 'Atelier CV' }),
			{ today }
		);
		await cancelActivity(database.db, t.scope, coordinator, created.id, updated.version, { reason: 'Doublon' });
		const history = await activityHistory(database.db, t.scope, created.id);
		expect(history.map((h) => [h.action, h.actorUserId, h.ip])).toEqual([
			['cancel', 'claire', '10.1.1.2'],
			['update', 'lea', '10.1.1.1'],
			['create', 'claire', '10.1.1.2']
		]);
		expect(history[1]!.before).toMatchObject({ title: 'Atelier' });
		expect(history[1]!.after).toMatchObject({ title: 'Atelier CV' });
		expect(history[0]!.after).toMatchObject({ status: 'cancelled', cancelReason: 'Doublon' });
		const [raw] = (
			(await database.db.execute(
				sql`select count(*)::int as n from audit_events where entity_type = 'activity' and entity_id = ${String(created.id)}`
			)) as unknown as { rows: { n: number }[] }
		).rows;
		expect(raw!.n).toBe(3);
	});

	it('a refused write leaves no trace and no change', async () => {
		const before = ((await database.db.execute(sql`select count(*)::int as n from audit_events`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
		await createActivity(database.db, t.scope, partner, doneActivity(verrEllesInitiative), { today }).catch(() => null);
		const after = ((await database.db.execute(sql`select count(*)::int as n from audit_events`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
		expect(after).toBe(before);
	});
});
