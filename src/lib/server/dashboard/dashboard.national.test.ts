import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../../tests/support/actors';
import { parseCsv } from '../../../../tests/support/csv';
import { readWorkbook, sheetTable, sheetValues } from '../../../../tests/support/xlsx';
import { defaultTerritory, doneActivity, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { translator } from '../../i18n';
import { createActivity } from '../activities/activities.usecases';
import type { Database } from '../db/client';
import { loadDemo } from '../seed/demo';
import { SYSTEM_ACTOR, type Actor, type TerritoryScope } from '../shared/scope';
import { NationalDashboardNotFoundError } from './dashboard.errors';
import { mayReadNationalDashboard } from './dashboard.policy';
import { dashboardCsv, dashboardSections, dashboardXlsx, nationalDashboardContext } from './dashboard.presenters';
import { dashboardPage, nationalDashboardPage, type DashboardModel } from './dashboard.usecases';

const today = '2026-11-20';
let database: Database;
let scopes: TerritoryScope[];
let admin: Actor;
let coordinator: Actor;
const context = nationalDashboardContext(translator('fr'), 'fr', new Date('2026-11-20T10:00:00Z'));

beforeAll(async () => {
	database = await createTestDatabase();
	const main = await defaultTerritory(database.db);
	await loadDemo(database.db, main.scope, { count: 150, seed: 5, today });
	const other = await otherTerritory(database.db);
	for (const [date, girls] of [
		['2025-10-14', 12],
		['2024-11-05', 7],
		['2026-03-02', 30]
	] as const) {
		const activity = doneActivity(other.initiativeId, {
			communeCode: other.communeCode,
			date,
			audiences: [
				{ audience: 'girls', level: 'lycee_pro', count: girls },
				{ audience: 'boys', level: 'lycee_pro', count: 4 }
			]
		});
		await createActivity(database.db, other.scope, SYSTEM_ACTOR, activity, { today });
	}
	scopes = [main.scope, other.scope];
	admin = actorOf({ userId: 'ada', platformAdmin: true, roles: [] });
	coordinator = actorOf({
		userId: 'claire',
		platformAdmin: false,
		roles: [{ territoryId: main.scope.territoryId, role: 'coordinator', organisationId: null }]
	});
});
afterAll(() => database.close());

async function nationalModel(query: string): Promise<DashboardModel> {
	const page = await nationalDashboardPage(database.db, admin, new URLSearchParams(query), { today });
	if (!page.ok) throw new Error(JSON.stringify(page.errors));
	return page.model;
}

async function territoryModels(query: string): Promise<DashboardModel[]> {
	return Promise.all(
		scopes.map(async (scope) => {
			const page = await dashboardPage(database.db, scope, admin, new URLSearchParams(query), { today });
			if (!page.ok) throw new Error(JSON.stringify(page.errors));
			return page.model;
		})
	);
}

/** Every territory's participations, read from the aggregate table directly. */
async function storedSum(where: ReturnType<typeof sql>): Promise<number> {
	const [row] = await rows<{ n: number }>(database.db, sql`select coalesce(sum(participations), 0)::int as n from indicator_audience_cells where ${where}`);
	return Number(row!.n);
}

const total = (list: readonly { participations: number }[]) => list.reduce((n, r) => n + r.participations, 0);
const QUERIES = ['period=all', 'period=year&schoolYear=2025-2026', 'period=months&fromMonth=2024-09&toMonth=2025-12'];

describe('the national dashboard', () => {
	for (const query of QUERIES) {
		it(`adds up the dashboards of every territory, figure by figure and month by month (${query})`, async () => {
			const national = await nationalModel(query);
			const territories = await territoryModels(query);
			expect(territories.every((m) => m.figures.participations > 0)).toBe(true);
			for (const figure of ['participations', 'activities', 'girlsAndWomen'] as const) {
				expect(national.figures[figure], figure).toBe(territories.reduce((n, m) => n + m.figures[figure], 0));
			}
			expect(national.months.schoolYear).toBe(territories[0]!.months.schoolYear);
			national.months.rows.forEach((row, i) => {
				expect(row.participations, row.month).toBe(territories.reduce((n, m) => n + m.months.rows[i]!.participations, 0));
				expect(row.previous, row.previousMonth).toBe(territories.reduce((n, m) => n + m.months.rows[i]!.previous, 0));
			});
			const byTerritory = new Map(national.indicator.byTerritory.map((r) => [Number(r.key), r]));
			scopes.forEach((scope, i) => {
				expect(byTerritory.get(scope.territoryId)?.participations).toBe(territories[i]!.figures.participations);
				expect(byTerritory.get(scope.territoryId)?.activities).toBe(territories[i]!.figures.activities);
			});
			for (const list of ['byLevel', 'byType'] as const) {
				const summed = new Map<string, number>();
				for (const m of territories) for (const r of m.indicator[list]) summed.set(r.key, (summed.get(r.key) ?? 0) + r.participations);
				const nonZero = (entries: Iterable<[string, number]>) => new Map([...entries].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));
				expect(nonZero(national.indicator[list].map((r) => [r.key, r.participations])), list).toEqual(nonZero(summed));
			}
			for (const section of dashboardSections(national, context.t)) expect(total(section.rows), section.title).toBe(national.figures.participations);
		});
	}

	it('reads the same participations as the aggregates of every territory, girls and women included', async () => {
		const model = await nationalModel('period=year&schoolYear=2025-2026');
		const year = sql`month between '2025-09-01' and '2026-08-01'`;
		expect(model.figures.participations).toBe(await storedSum(year));
		const girlsAndWomen = await storedSum(sql`${year} and audience in ('girls', 'women')`);
		expect(model.figures.girlsAndWomen).toBe(girlsAndWomen);
		expect(model.figures.girlsAndWomenShare).toBe(Math.round((girlsAndWomen / model.figures.participations) * 1000) / 10);
		expect(dashboardSections(model, context.t).map((s) => s.id)).toEqual(['audience', 'level', 'territory', 'type', 'schoolYear']);
	});

	it('is for platform administrators only: a territory’s coordinator is told it does not exist', async () => {
		expect(mayReadNationalDashboard(admin.principal)).toBe(true);
		expect(mayReadNationalDashboard(coordinator.principal)).toBe(false);
		expect(mayReadNationalDashboard(null)).toBe(false);
		const refused = nationalDashboardPage(database.db, coordinator, new URLSearchParams('period=all'), { today });
		await expect(refused).rejects.toBeInstanceOf(NationalDashboardNotFoundError);
		await expect(refused).rejects.toMatchObject({ status: 404 });
	});

	it('wrong filters come back as French messages next to their field, never as figures', async () => {
		const page = await nationalDashboardPage(database.db, admin, new URLSearchParams('period=months&fromMonth=2025-13'), { today });
		expect(page.ok).toBe(false);
		if (!page.ok) expect(Object.values(page.errors).map((m) => context.t(m.key, m.params))).toEqual([expect.stringMatching(/mois/i)]);
	});
});

describe('the national dashboard’s exports', () => {
	for (const query of QUERIES.slice(0, 2)) {
		it(`the CSV and the XLSX read back give the model’s totals (${query})`, async () => {
			const model = await nationalModel(query);
			const csv = parseCsv(dashboardCsv(model, context, []), ';');
			expect(csv.find((l) => l[0] === 'Territoire')?.[1]).toBe('Tous les territoires');
			expect(Number(csv.find((l) => l[0] === 'Participations')?.[1])).toBe(model.figures.participations);
			expect(Number(csv.find((l) => l[0] === 'Actions réalisées')?.[1])).toBe(model.figures.activities);
			const header = csv.findIndex((l) => l[0] === 'Ventilation');
			const column = csv[header]!.indexOf('Participations');
			const table = csv.slice(header + 1);
			for (const title of ['Par public', 'Par niveau', 'Par territoire', 'Par type d’action']) {
				expect(
					table.filter((l) => l[0] === title).reduce((n, l) => n + Number(l[column]), 0),
					title
				).toBe(model.figures.participations);
			}
			const workbook = await readWorkbook(await dashboardXlsx(model, context, []));
			const key = sheetValues(workbook.getWorksheet('Chiffres clés')!);
			expect(key[1]).toEqual(['Tableau de bord — Tous les territoires']);
			expect(key.find((r) => r[0] === 'Participations')?.[1]).toBe(model.figures.participations);
			for (const name of ['Par public', 'Par territoire', 'Par type d’action']) {
				const table = sheetTable(workbook.getWorksheet(name)!, 'Code');
				expect(table.body.every((r) => typeof table.cell(r, 'Participations') === 'number')).toBe(true);
				expect(
					table.body.reduce((n: number, r) => n + (table.cell(r, 'Participations') as number), 0),
					name
				).toBe(model.figures.participations);
			}
			expect(sheetTable(workbook.getWorksheet('Par territoire')!, 'Code').body.some((r) => r[1] === 'Autre territoire')).toBe(true);
		});
	}
});
