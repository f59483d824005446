import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defaultTerritory, doneActivity, otherTerritory, validationFields, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { createActivity } from '../activities/activities.usecases';
import { territories } from '../territories/territories.table';
import { presentSheet } from './sheet.presenters';
import { copyPlanFrom, getSheet, planCatalogue } from './sheet.usecases';
import { SheetCopyRefusedError } from './sheet.errors';
import { eq } from 'drizzle-orm';

const today = '2026-11-20';

const fresh = freshDatabasePerTest(async (database) => ({
	a: await defaultTerritory(database.db),
	b: await otherTerritory(database.db)
}));

const coordinatorOf = (territoryId: number) =>
	actorOf({ userId: 'coord-b', platformAdmin: false, roles: [{ territoryId, role: 'coordinator', organisationId: null }] });

describe('the living action sheet', () => {
	it('the default territory’s sheet reads like the source text, in its six sections, with today’s figures from recorded activities', async () => {
		const { database, a } = fresh();
		const verrElles = a.initiatives.find((i) => i.slug === 'verr-elles')!.id;
		const corif = a.initiatives.find((i) => i.slug === 'portraits-corif')!.id;
		await createActivity(database.db, a.scope, adminActor('test'), doneActivity(verrElles), { today });
		await createActivity(database.db, a.scope, adminActor('test'), doneActivity(verrElles, { date: '2025-11-03' }), { today });
		await createActivity(
			database.db,
			a.scope,
			adminActor('test'),
			doneActivity(corif, { type: 'screening', audiences: [{ audience: 'women', level: 'job_seekers', count: 8 }] }),
			{ today }
		);
		// Planned activities are not figures.
		await createActivity(database.db, a.scope, adminActor('test'), doneActivity(verrElles, { status: 'planned', date: '2026-12-10' }), { today });

		const sheet = presentSheet(await getSheet(database.db, a.scope, { today }));
		const [stored] = await rows<{ n: number }>(
			database.db,
			sql`select coalesce(sum(participations), 0)::int as n from indicator_audience_cells where territory_id = ${a.scope.territoryId}`
		);

		expect(sheet.title).toBe('Plan d’action en faveur de la féminisation des formations et des métiers industriels');
		expect(sheet.findings).toHaveLength(2);
		expect(sheet.findings[0]).toMatch(/^L’attractivité des emplois industriels est un enjeu majeur/);
		expect(sheet.achievements.map((x) => x.name)).toEqual(['Réseau Verr’Elles', 'Convention Capital Filles', 'Partenariat Elles Bougent', 'Portraits CORIF']);
		expect(sheet.achievements[0]).toMatchObject({
			status: 'running',
			lead: ['Arc France'],
			networks: ['Réseau Verr’Elles'],
			participations: 46,
			activities: 2
		});
		expect(sheet.achievements[1]!.partners.sort()).toEqual(['Capital Filles', 'Réseau Verr’Elles']);
		expect(sheet.achievements[3]).toMatchObject({ participations: 8, activities: 1 });
		expect(sheet.obstacles[1]).toBe('L’obstacle le plus important reste celui des mentalités qu’il faut changer progressivement.');
		expect(sheet.objectives.map((o) => o.target)).toEqual(['girls', 'firms', 'prescribers']);
		expect(sheet.stakeholders.map((s) => s.name)).toEqual(
			expect.arrayContaining(['Région Hauts-de-France', 'Capital Filles', 'Elles Bougent', 'CORIF', 'Arc France', 'Agence Sofie'])
		);
		expect(sheet.indicator).toMatchObject({ participations: 54, activities: 3, asOf: today });
		expect(sheet.indicator.participations).toBe(stored!.n);
		expect(sheet.indicator.text).toMatch(/nombre de personnes sensibilisées/);
		expect(sheet.quote).toBe('Quand c’est un sujet de territoire, tout le monde se sent impliqué.');
		// The source text's personal address is never published: roles only, no name, no e-mail.
		expect(sheet.contacts).toHaveLength(2);
		expect(sheet.contacts.every((c) => c.name === null && c.email === null)).toBe(true);
		expect(JSON.stringify(sheet)).not.toContain('@');
	});

	it('one territory’s sheet never shows another territory’s figures', async () => {
		const { database, a, b } = fresh();
		await createActivity(database.db, b.scope, adminActor('test'), doneActivity(b.initiativeId, { communeCode: b.communeCode }), { today });
		const sheet = presentSheet(await getSheet(database.db, a.scope, { today }));
		expect(sheet.indicator.participations).toBe(0);
		expect(presentSheet(await getSheet(database.db, b.scope, { today })).indicator.participations).toBe(23);
	});
});

describe('the national catalogue of plans', () => {
	it('lists every non-archived, non-demo plan with its figures, and finds them by text, region and audience', async () => {
		const { database, a, b } = fresh();
		await createActivity(database.db, a.scope, adminActor('test'), doneActivity(a.initiativeId), { today });
		const [demo] = await database.db.insert(territories).values({ slug: 'demo', name: 'Démo', demoLoaded: true }).returning();
		const [archived] = await database.db.insert(territories).values({ slug: 'ancien', name: 'Ancien', archivedAt: new Date() }).returning();
		expect(demo && archived).toBeTruthy();

		const all = await planCatalogue(database.db, new URLSearchParams());
		expect(all.entries.map((e) => e.slug).sort()).toEqual(['autre-territoire', 'flandre-saint-omer']);
		const flandre = all.entries.find((e) => e.slug === 'flandre-saint-omer')!;
		expect(flandre).toMatchObject({ participations: 23, activities: 1, initiatives: 4, targets: ['girls', 'firms', 'prescribers'] });
		expect(flandre.regions).toEqual([{ code: '32', name: 'Hauts-de-France' }]);

		const search = async (query: string) => (await planCatalogue(database.db, new URLSearchParams(query))).entries.map((e) => e.slug);
		expect(await search('q=verr elles')).toEqual(['flandre-saint-omer']);
		expect(await search('q=FEMINISATION')).toEqual(['flandre-saint-omer']);
		expect(await search('q=introuvable')).toEqual([]);
		expect(await search('region=32')).toEqual(['autre-territoire', 'flandre-saint-omer']);
		expect(await search('region=84')).toEqual([]);
		expect(await search('audience=prescribers')).toEqual(['flandre-saint-omer']);
		void b;

		const wrong = await planCatalogue(database.db, new URLSearchParams('region=zz&audience=girls'));
		expect(wrong.errors.region?.key).toBe('sheet.error_region_unknown');
		expect(wrong.entries.map((e) => e.slug)).toEqual(['flandre-saint-omer']);
	});
});

describe('"Partir de ce plan"', () => {
	it('copies the objectives, the initiatives as drafts and their activity types; never findings, obstacles, figures, organisations, contacts', async () => {
		const { database, a, b } = fresh();
		await createActivity(database.db, a.scope, adminActor('test'), doneActivity(a.initiativeId), { today });
		const B = b.scope.territoryId;
		const count = async (table: string) =>
			(await rows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.identifier(table)} where territory_id = ${B}`))[0]!.n;
		const before = {
			organisations: await count('organisations'),
			planOrganisations: await count('plan_organisations'),
			contacts: await count('plan_contacts'),
			activities: await count('activities'),
			cells: await count('indicator_audience_cells')
		};

		const result = await copyPlanFrom(database.db, b.scope, coordinatorOf(B), { source: 'flandre-saint-omer' });
		expect(result).toEqual({ source: { slug: 'flandre-saint-omer', name: expect.any(String) }, objectives: 3, initiatives: 4 });

		const objectives = await rows<{ target: string; position: number }>(
			database.db,
			sql`select target, position from objectives where territory_id = ${B} order by position`
		);
		expect(objectives.map((o) => o.target)).toEqual(['girls', 'firms', 'prescribers']);
		const initiatives = await rows<{ id: number; name: string; status: string; starts_on: string | null; ends_on: string | null; position: number }>(
			database.db,
			sql`select id, name, status, starts_on, ends_on, position from initiatives where territory_id = ${B} order by position`
		);
		// Appended after the plan's own initiative.
		expect(initiatives.map((i) => i.name)).toEqual([
			'Autre initiative',
			'Réseau Verr’Elles',
			'Convention Capital Filles',
			'Partenariat Elles Bougent',
			'Portraits CORIF'
		]);
		expect(initiatives.slice(1).every((i) => i.status === 'planned' && i.starts_on === null && i.ends_on === null)).toBe(true);
		const types = await rows<{ type_code: string }>(
			database.db,
			sql`select type_code from initiative_activity_types where territory_id = ${B} and initiative_id = ${initiatives[4]!.id} order by type_code`
		);
		expect(types.map((x) => x.type_code)).toEqual(['screening', 'training']);
		expect(await count('initiative_organisations')).toBe(0);
		// Findings and obstacles speak of the source territory: never copied.
		expect(await count('plan_statements')).toBe(0);
		expect({
			organisations: await count('organisations'),
			planOrganisations: await count('plan_organisations'),
			contacts: await count('plan_contacts'),
			activities: await count('activities'),
			cells: await count('indicator_audience_cells')
		}).toEqual(before);
		const [plan] = await rows<{ copied_from_plan_id: number; quote: string | null }>(
			database.db,
			sql`select copied_from_plan_id, quote from action_plans where territory_id = ${B}`
		);
		const [source] = await rows<{ id: number }>(database.db, sql`select id from action_plans where territory_id = ${a.scope.territoryId}`);
		expect(plan!.copied_from_plan_id).toBe(source!.id);
		expect(plan!.quote).toBeNull();
		const audit = await rows<{ action: string; entity_type: string }>(database.db, sql`select action, entity_type from audit_events where territory_id = ${B}`);
		expect(audit).toEqual([{ action: 'copy', entity_type: 'plan' }]);
		// The source plan is left as it was.
		expect((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from initiatives where territory_id = ${a.scope.territoryId}`))[0]!.n).toBe(4);
	});

	it('leaves the target’s findings and obstacles as they were, and copies twice without a slug clash', async () => {
		const { database, b } = fresh();
		const B = b.scope.territoryId;
		const [plan] = await rows<{ id: number }>(database.db, sql`select id from action_plans where territory_id = ${B}`);
		await database.db.execute(
			sql`insert into plan_statements (territory_id, plan_id, kind, position, body) values (${B}, ${plan!.id}, 'finding', 1, 'Notre constat')`
		);
		const first = await copyPlanFrom(database.db, b.scope, coordinatorOf(B), { source: 'flandre-saint-omer' });
		expect(first).toMatchObject({ objectives: 3, initiatives: 4 });
		expect(first).not.toHaveProperty('findings');
		await copyPlanFrom(database.db, b.scope, coordinatorOf(B), { source: 'flandre-saint-omer' });
		const statements = await rows<{ body: string }>(database.db, sql`select body from plan_statements where territory_id = ${B}`);
		expect(statements).toEqual([{ body: 'Notre constat' }]);
		const slugs = await rows<{ slug: string }>(
			database.db,
			sql`select slug from initiatives where territory_id = ${B} and slug like 'verr-elles%' order by slug`
		);
		expect(slugs.map((s) => s.slug)).toEqual(['verr-elles', 'verr-elles-2']);
	});

	it('is refused to anyone but a coordinator of the target territory, and nothing is written', async () => {
		const { database, a, b } = fresh();
		const B = b.scope.territoryId;
		const partner = actorOf({ userId: 'p', platformAdmin: false, roles: [{ territoryId: B, role: 'partner', organisationId: 1 }] });
		const funder = actorOf({ userId: 'f', platformAdmin: false, roles: [{ territoryId: B, role: 'funder', organisationId: null }] });
		const otherCoordinator = coordinatorOf(a.scope.territoryId);
		for (const actor of [partner, funder, otherCoordinator]) {
			await expect(copyPlanFrom(database.db, b.scope, actor, { source: 'flandre-saint-omer' })).rejects.toBeInstanceOf(SheetCopyRefusedError);
		}
		expect((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from objectives where territory_id = ${B}`))[0]!.n).toBe(0);
		expect((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_events`))[0]!.n).toBe(0);
	});

	it('refuses an unknown, archived or own plan with a message next to the chooser', async () => {
		const { database, a, b } = fresh();
		const B = b.scope.territoryId;
		expect(await validationFields(copyPlanFrom(database.db, b.scope, coordinatorOf(B), { source: 'nulle-part' }))).toEqual({
			source: 'sheet.error_source_unknown'
		});
		expect(await validationFields(copyPlanFrom(database.db, b.scope, coordinatorOf(B), { source: 'Pas un slug !' }))).toEqual({
			source: 'validation.territory_slug'
		});
		expect(await validationFields(copyPlanFrom(database.db, b.scope, coordinatorOf(B), { source: 'autre-territoire' }))).toEqual({
			source: 'sheet.error_source_same'
		});
		await database.db.update(territories).set({ archivedAt: new Date() }).where(eq(territories.id, a.scope.territoryId));
		expect(await validationFields(copyPlanFrom(database.db, b.scope, coordinatorOf(B), { source: 'flandre-saint-omer' }))).toEqual({
			source: 'sheet.error_source_unknown'
		});
	});
});
