import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, doneActivity, otherTerritory, validationFields, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { createActivity, updateActivity } from '../activities/activities.usecases';
import type { Db } from '../db/client';
import { listOrganisations } from '../organisations/organisations.repository';
import { NotFoundError } from '../shared/errors';
import { createMilestone, createTarget } from '../targets/targets.usecases';
import { createInitiative, updateInitiative } from './initiatives.usecases';
import { addPlanItem, movePlanItem, removePlanItem, updatePlanItem } from './plan-items.usecases';
import { getPlanOverview, planEditor, updatePlanGeneral } from './plan.usecases';

const coordinator = adminActor('coordinatrice');
const today = '2026-11-20';
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
const audit = (db: Db) =>
	rows<{ action: string; entity_type: string; before: unknown; after: unknown }>(
		db,
		sql`select action, entity_type, before, after from audit_events order by id`
	);
const orgId = async (db: Db, scope: { territoryId: number }, name: string) => (await listOrganisations(db, scope)).find((o) => o.name === name)!.id;

describe('the plan editor: every change audited', () => {
	it('the title, summary, quote and period are saved and audited with before and after', async () => {
		const { database, t } = fresh();
		await updatePlanGeneral(database.db, t.scope, coordinator, {
			title: 'Plan féminisation 2026',
			summary: 'Résumé',
			quote: 'Citation',
			startsOn: '2024-09-01',
			endsOn: ''
		});
		const [plan] = await rows<{ title: string; quote: string; starts_on: string; ends_on: string | null }>(
			database.db,
			sql`select title, quote, starts_on::text, ends_on from action_plans where territory_id = ${t.scope.territoryId}`
		);
		expect(plan).toEqual({ title: 'Plan féminisation 2026', quote: 'Citation', starts_on: '2024-09-01', ends_on: null });
		expect(await audit(database.db)).toMatchObject([
			{
				action: 'update',
				entity_type: 'plan',
				before: { title: 'Plan d’action en faveur de la féminisation des formations et des métiers industriels' },
				after: { title: 'Plan féminisation 2026' }
			}
		]);
	});

	it('an empty title and an end before the start are refused next to their fields, nothing changed', async () => {
		const { database, t } = fresh();
		expect(await validationFields(updatePlanGeneral(database.db, t.scope, coordinator, { title: ' ', startsOn: '2026-06-30', endsOn: '2025-09-01' }))).toEqual({
			title: 'validation.required',
			endsOn: 'validation.period_order'
		});
		expect(await audit(database.db)).toEqual([]);
	});

	it('a finding is added at the end, edited, moved up, then removed: four audit events, the order as asked', async () => {
		const { database, t } = fresh();
		await addPlanItem(database.db, t.scope, coordinator, { section: 'finding', body: 'Un troisième constat' });
		const findings = async () =>
			rows<{ id: number; body: string }>(
				database.db,
				sql`select id, body from plan_statements where territory_id = ${t.scope.territoryId} and kind = 'finding' order by position, id`
			);
		const added = (await findings()).at(-1)!;
		expect(added.body).toBe('Un troisième constat');
		await updatePlanItem(database.db, t.scope, coordinator, { item: `statement:${added.id}`, body: 'Un constat corrigé' });
		await movePlanItem(database.db, t.scope, coordinator, { item: `statement:${added.id}`, direction: 'up' });
		expect((await findings()).map((f) => f.body)[1]).toBe('Un constat corrigé');
		// Obstacles are ordered among themselves: moving a finding leaves them where they were.
		const obstacles = await rows<{ position: number }>(database.db, sql`select position from plan_statements where kind = 'obstacle' order by position`);
		expect(obstacles.map((o) => o.position)).toEqual([3, 4]);
		await removePlanItem(database.db, t.scope, coordinator, { item: `statement:${added.id}` });
		expect((await findings()).map((f) => f.body)).not.toContain('Un constat corrigé');
		expect((await audit(database.db)).map((e) => `${e.action}:${e.entity_type}`)).toEqual([
			'create:plan_statement',
			'update:plan_statement',
			'move:plan_statement',
			'delete:plan_statement'
		]);
	});

	it('objectives keep their audience; moving the first one up changes nothing', async () => {
		const { database, t } = fresh();
		await addPlanItem(database.db, t.scope, coordinator, { section: 'objective', target: 'firms', title: 'Les entreprises du numérique' });
		expect(await validationFields(addPlanItem(database.db, t.scope, coordinator, { section: 'objective', target: 'aliens', title: 'x' }))).toEqual({
			target: 'validation.enum'
		});
		const overview = await getPlanOverview(database.db, t.scope);
		expect(overview.objectives.map((o) => o.target)).toEqual(['girls', 'firms', 'prescribers', 'firms']);
		await movePlanItem(database.db, t.scope, coordinator, { item: `objective:${overview.objectives[0]!.id}`, direction: 'up' });
		expect((await getPlanOverview(database.db, t.scope)).objectives.map((o) => o.id)).toEqual(overview.objectives.map((o) => o.id));
		expect((await audit(database.db)).map((e) => e.action)).toEqual(['create']);
	});

	it('a contact’s name is kept only with her consent, dated; the public plan shows no name without it', async () => {
		const { database, t } = fresh();
		expect(
			await validationFields(
				addPlanItem(database.db, t.scope, coordinator, { section: 'contact', role: 'Chargée de mission', name: 'Camille Martin' }, { today })
			)
		).toEqual({ consent: 'validation.contact_consent' });
		await addPlanItem(database.db, t.scope, coordinator, { section: 'contact', role: 'Chargée de mission', name: 'Camille Martin', consent: 'on' }, { today });
		const [stored] = await rows<{ name: string; consent_on: string }>(
			database.db,
			sql`select name, consent_on::text from plan_contacts where role = 'Chargée de mission'`
		);
		expect(stored).toEqual({ name: 'Camille Martin', consent_on: today });
		const overview = await getPlanOverview(database.db, t.scope);
		expect(overview.contacts.map((c) => c.name)).toEqual([null, null, 'Camille Martin']);
		expect((await audit(database.db)).map((e) => `${e.action}:${e.entity_type}`)).toEqual(['create:plan_contact']);
	});

	it('a stakeholder changes role and is removed, audited; the same role twice is refused', async () => {
		const { database, t } = fresh();
		const region = await orgId(database.db, t.scope, 'Région Hauts-de-France');
		expect(
			await validationFields(addPlanItem(database.db, t.scope, coordinator, { section: 'stakeholder', organisationId: String(region), role: 'partner' }))
		).toEqual({
			organisationId: 'validation.stakeholder_exists'
		});
		await updatePlanItem(database.db, t.scope, coordinator, { item: `stakeholder:${region}:partner`, role: 'funder' });
		const roles = () => rows<{ role: string }>(database.db, sql`select role from plan_organisations where organisation_id = ${region}`);
		expect(await roles()).toEqual([{ role: 'funder' }]);
		await removePlanItem(database.db, t.scope, coordinator, { item: `stakeholder:${region}:funder` });
		expect(await roles()).toEqual([]);
		expect((await audit(database.db)).map((e) => `${e.action}:${e.entity_type}`)).toEqual(['update:plan_stakeholder', 'delete:plan_stakeholder']);
	});

	it('a partner and another territory’s coordinator cannot open or change the plan', async () => {
		const { database, t } = fresh();
		const other = await otherTerritory(database.db);
		const partner = actorOf({ userId: 'p', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: 1 }] });
		const neighbour = actorOf({
			userId: 'c',
			platformAdmin: false,
			roles: [{ territoryId: other.scope.territoryId, role: 'coordinator', organisationId: null }]
		});
		await expect(planEditor(database.db, t.scope, partner)).rejects.toBeInstanceOf(NotFoundError);
		await expect(addPlanItem(database.db, t.scope, neighbour, { section: 'finding', body: 'Intrus' })).rejects.toBeInstanceOf(NotFoundError);
		// Another territory's item named from one's own plan is unknown.
		const [theirs] = await rows<{ id: number }>(database.db, sql`select id from initiatives where territory_id = ${other.scope.territoryId}`);
		const neighbourOwn = actorOf({
			userId: 'c',
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId, role: 'coordinator', organisationId: null }]
		});
		expect(await validationFields(removePlanItem(database.db, t.scope, neighbourOwn, { item: `initiative:${theirs!.id}` }))).toEqual({
			_form: 'validation.item_unknown'
		});
		expect(await audit(database.db)).toEqual([]);
	});
});

describe('initiatives: stopped, never deleted, once they have activities', () => {
	it('an initiative with an activity cannot be deleted (French message), and can be stopped', async () => {
		const { database, t } = fresh();
		await createActivity(database.db, t.scope, coordinator, doneActivity(t.initiativeId), { today });
		expect(await validationFields(removePlanItem(database.db, t.scope, coordinator, { item: `initiative:${t.initiativeId}` }))).toEqual({
			_form: 'validation.initiative_has_activities'
		});
		const editor = (await planEditor(database.db, t.scope, coordinator)).initiatives;
		expect(editor.map((i) => i.id)).toContain(t.initiativeId);
		const arc = await orgId(database.db, t.scope, 'Arc France');
		await updateInitiative(database.db, t.scope, coordinator, t.initiativeId, {
			name: 'Réseau Verr’Elles',
			description: 'Réseau de femmes',
			status: 'stopped',
			startsOn: '2023-01-01',
			endsOn: '2026-01-15',
			leadId: String(arc),
			partnerIds: [],
			networkIds: [String(await orgId(database.db, t.scope, 'Réseau Verr’Elles'))],
			activityTypes: ['school_visit', 'forum']
		});
		const [stored] = await rows<{ status: string; ends_on: string }>(
			database.db,
			sql`select status, ends_on::text from initiatives where id = ${t.initiativeId}`
		);
		expect(stored).toEqual({ status: 'stopped', ends_on: '2026-01-15' });
		expect((await audit(database.db)).filter((e) => e.entity_type === 'initiative')).toMatchObject([
			{ action: 'update', before: { status: 'running' }, after: { status: 'stopped', activityTypes: ['school_visit', 'forum'] } }
		]);
	});

	it('deleting an initiative removes its targets and milestones, each kept in the journal', async () => {
		const { database, t } = fresh();
		const created = await createInitiative(database.db, t.scope, coordinator, {
			name: 'Forum des métiers',
			description: 'Un forum annuel',
			leadId: String(await orgId(database.db, t.scope, 'CORIF'))
		});
		await createTarget(database.db, t.scope, coordinator, { schoolYear: '2025-2026', initiativeId: String(created.id), audience: 'girls', target: '30' });
		await createTarget(database.db, t.scope, coordinator, { schoolYear: '2025-2026', initiativeId: '', audience: '', target: '400' });
		await createMilestone(database.db, t.scope, coordinator, {
			title: 'Premier forum',
			initiativeId: String(created.id),
			dueOn: '2026-03-31',
			status: 'planned',
			progress: '0',
			description: ''
		});
		await removePlanItem(database.db, t.scope, coordinator, { item: `initiative:${created.id}` });
		expect(await rows(database.db, sql`select target from targets`)).toEqual([{ target: 400 }]);
		expect(await rows(database.db, sql`select 1 from milestones`)).toEqual([]);
		const deleted = (await audit(database.db)).filter((e) => e.action === 'delete');
		expect(deleted.map((e) => e.entity_type)).toEqual(['target', 'milestone', 'initiative']);
		expect(deleted[0]!.before).toMatchObject({ audience: 'girls', target: 30 });
		expect(deleted[1]!.before).toMatchObject({ title: 'Premier forum' });
	});

	it('an initiative without activities is created with its lead, then deleted, both audited', async () => {
		const { database, t } = fresh();
		const corif = await orgId(database.db, t.scope, 'CORIF');
		const created = await createInitiative(database.db, t.scope, coordinator, {
			name: 'Forum des métiers',
			description: 'Un forum annuel',
			leadId: String(corif)
		});
		expect(created.slug).toBe('forum-des-metiers');
		expect(created.status).toBe('planned');
		await removePlanItem(database.db, t.scope, coordinator, { item: `initiative:${created.id}` });
		expect(await rows(database.db, sql`select 1 from initiatives where id = ${created.id}`)).toEqual([]);
		expect((await audit(database.db)).map((e) => `${e.action}:${e.entity_type}`)).toEqual(['create:initiative', 'delete:initiative']);
	});

	it('an unknown lead or activity type is refused next to its field', async () => {
		const { database, t } = fresh();
		expect(await validationFields(createInitiative(database.db, t.scope, coordinator, { name: 'X', description: 'Y', leadId: '999999' }))).toEqual({
			leadId: 'validation.organisation_unknown'
		});
		const arc = await orgId(database.db, t.scope, 'Arc France');
		expect(
			await validationFields(
				updateInitiative(database.db, t.scope, coordinator, t.initiativeId, {
					name: 'X',
					description: 'Y',
					status: 'running',
					leadId: String(arc),
					activityTypes: ['picnic']
				})
			)
		).toEqual({ activityTypes: 'validation.activity_type_unknown' });
	});
});

describe('activity types offered per initiative', () => {
	const verrElles = async (db: Db, t: Awaited<ReturnType<typeof defaultTerritory>>) => t.initiatives.find((i) => i.slug === 'verr-elles')!.id;
	const portraits = (t: Awaited<ReturnType<typeof defaultTerritory>>) => t.initiatives.find((i) => i.slug === 'portraits-corif')!.id;

	it('a type the initiative offers is accepted; one it does not offer is refused with the French message', async () => {
		const { database, t } = fresh();
		await createActivity(database.db, t.scope, coordinator, doneActivity(portraits(t), { type: 'screening' }), { today });
		expect(await validationFields(createActivity(database.db, t.scope, coordinator, doneActivity(portraits(t), { type: 'school_visit' }), { today }))).toEqual({
			type: 'validation.activity_type_not_offered'
		});
		const [n] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from activities`);
		expect(n!.n).toBe(1);
	});

	it('an activity keeps its type once the initiative stops offering it, and can still be edited; a new one cannot take it', async () => {
		const { database, t } = fresh();
		const id = await verrElles(database.db, t);
		const activity = await createActivity(database.db, t.scope, coordinator, doneActivity(id, { type: 'forum' }), { today });
		const arc = await orgId(database.db, t.scope, 'Arc France');
		await updateInitiative(database.db, t.scope, coordinator, id, {
			name: 'Réseau Verr’Elles',
			description: 'Réseau',
			status: 'running',
			leadId: String(arc),
			activityTypes: ['school_visit']
		});
		const edited = await updateActivity(
			database.db,
			t.scope,
			coordinator,
			activity.id,
			activity.version,
			doneActivity(id, { type: 'forum', title: 'Forum corrigé' }),
			{
				today
			}
		);
		expect(edited.type).toBe('forum');
		expect(await validationFields(createActivity(database.db, t.scope, coordinator, doneActivity(id, { type: 'forum' }), { today }))).toEqual({
			type: 'validation.activity_type_not_offered'
		});
		// Changing the edited activity to another type the initiative no longer offers is refused.
		expect(
			await validationFields(updateActivity(database.db, t.scope, coordinator, activity.id, edited.version, doneActivity(id, { type: 'workshop' }), { today }))
		).toEqual({ type: 'validation.activity_type_not_offered' });
	});
});
