import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { countRows } from '../../../../tests/support/fixtures';
import type { Database } from '../db/client';
import { getPlanOverview } from '../plan/plan.usecases';
import { listCommunes, listEpcis } from '../territories/territories.repository';
import { seedDefaultTerritory } from './default-territory';

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe('the default territory comes from the source text only', () => {
	it('holds the 4 EPCIs and 147 communes of the 2018 perimeter, from @etalab/decoupage-administratif', async () => {
		const { territoryId } = await seedDefaultTerritory(database.db);
		const epcis = await listEpcis(database.db, { territoryId });
		expect(epcis.map((e) => e.siren).sort()).toEqual(['200040947', '200069037', '245900758', '246201016']);
		const communes = await listCommunes(database.db, { territoryId });
		expect(communes).toHaveLength(147);
		const perEpci = Object.fromEntries(epcis.map((e) => [e.siren, communes.filter((c) => c.epciSiren === e.siren).length]));
		expect(perEpci).toEqual({ '200069037': 53, '200040947': 50, '245900758': 8, '246201016': 36 });
		expect(communes.find((c) => c.codeInsee === '62040')?.name).toBe('Arques');
	});

	it('holds the plan, its 3 objectives, its 4 initiatives and the 10 organisations the text names', async () => {
		const { territoryId } = await seedDefaultTerritory(database.db);
		const o = await getPlanOverview(database.db, { territoryId });
		expect(o.objectives.map((x) => x.target)).toEqual(['girls', 'firms', 'prescribers']);
		expect(o.initiatives.map((i) => i.name)).toEqual(['Réseau Verr’Elles', 'Convention Capital Filles', 'Partenariat Elles Bougent', 'Portraits CORIF']);
		const lead = (i: number) => o.initiatives[i]!.organisations.filter((x) => x.role === 'lead').map((x) => x.name);
		expect(lead(0)).toEqual(['Arc France']);
		expect(lead(1)[0]).toMatch(/CAPSO/);
		expect(lead(3)).toEqual(['CORIF']);
		const byRole = (role: string) => o.stakeholders.filter((s) => s.role === role).map((s) => s.name);
		expect(byRole('pilot')).toHaveLength(2);
		expect(byRole('pilot').join()).toMatch(/Campus des Métiers/);
		expect(byRole('operator')).toEqual(['CORIF']);
		expect(byRole('partner')).toEqual(
			expect.arrayContaining(['Capital Filles', 'Elles Bougent', 'Arc France', 'Agence Sofie', 'Région Hauts-de-France', expect.stringMatching(/CAPSO/)])
		);
		expect(byRole('partner')).toHaveLength(6);
		expect(await countRows(database.db, 'organisations')).toBe(10);
		const [verrelles] = await rows<{ parent: string }>(
			sql`select p.name as parent from organisations o join organisations p on p.id = o.parent_id where o.name like 'Réseau Verr%'`
		);
		expect(verrelles?.parent).toBe('Arc France');
	});

	it('holds the sheet of the source text: its findings, obstacles and quote, and contacts by role without any e-mail address', async () => {
		const { territoryId } = await seedDefaultTerritory(database.db);
		const statements = await rows<{ kind: string; body: string }>(
			sql`select kind, body from plan_statements where territory_id = ${territoryId} order by kind, position`
		);
		expect(statements.filter((s) => s.kind === 'finding')).toHaveLength(2);
		expect(statements.filter((s) => s.kind === 'obstacle').map((s) => s.body)).toContain(
			'L’obstacle le plus important reste celui des mentalités qu’il faut changer progressivement.'
		);
		const [plan] = await rows<{ quote: string }>(sql`select quote from action_plans where territory_id = ${territoryId}`);
		expect(plan?.quote).toMatch(/sujet de territoire/);
		const contacts = await rows<{ name: string | null; email: string | null; role: string }>(
			sql`select name, email, role from plan_contacts where territory_id = ${territoryId} order by position`
		);
		expect(contacts.map((c) => [c.name, c.email])).toEqual([
			[null, null],
			[null, null]
		]);
		expect(contacts[0]!.role).toMatch(/CMQ/);
		const types = await rows<{ slug: string; types: string }>(
			sql`select i.slug, string_agg(t.type_code, ',' order by t.type_code) as types from initiatives i join initiative_activity_types t on t.initiative_id = i.id where i.territory_id = ${territoryId} group by i.slug order by i.slug`
		);
		expect(types.find((t) => t.slug === 'portraits-corif')?.types).toBe('screening,training');
		expect(types).toHaveLength(4);
	});

	it('invents no dates and no figures, and a second seed changes nothing', async () => {
		const { territoryId } = await seedDefaultTerritory(database.db);
		const again = await seedDefaultTerritory(database.db);
		expect(again).toEqual({ created: false, territoryId });
		const o = await getPlanOverview(database.db, { territoryId });
		expect([o.plan.startsOn, o.plan.endsOn]).toEqual([null, null]);
		expect(await countRows(database.db, 'activities')).toBe(0);
		expect(await countRows(database.db, 'indicator_audience_cells')).toBe(0);
		expect(await countRows(database.db, 'territories')).toBe(1);
	});
});

describe('pupils are counted, never named', () => {
	it('the audience table has no column that could hold an identity', async () => {
		const columns = await rows<{ column_name: string }>(
			sql`select column_name from information_schema.columns where table_name = 'activity_audiences' order by column_name`
		);
		expect(columns.map((c) => c.column_name)).toEqual(['activity_id', 'audience', 'count', 'level', 'territory_id']);
	});
});
