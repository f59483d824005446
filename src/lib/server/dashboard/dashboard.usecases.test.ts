import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../../tests/support/actors';
import { defaultTerritory, rows } from '../../../../tests/support/fixtures';
import { parseCsv } from '../../../../tests/support/csv';
import { readWorkbook, sheetTable, sheetValues } from '../../../../tests/support/xlsx';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { translator } from '../../i18n';
import type { Database } from '../db/client';
import { territoryIndicator } from '../indicator/indicator.usecases';
import { listOrganisations } from '../organisations/organisations.repository';
import { loadDemo } from '../seed/demo';
import { SYSTEM_ACTOR, type Actor } from '../shared/scope';
import { createTarget } from '../targets/targets.usecases';
import { dashboardCsv, dashboardJson, dashboardSections, dashboardXlsx, type DashboardContext } from './dashboard.presenters';
import { dashboardPage, type DashboardModel } from './dashboard.usecases';

const today = '2026-11-20';
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let coordinator: Actor;
let funder: Actor;
let partner: Actor;
let stranger: Actor;
let capitalFilles: number;

const context: DashboardContext = {
	t: translator('fr'),
	locale: 'fr',
	territory: { name: 'Flandre – Pays de Saint-Omer', slug: 'flandre' },
	now: new Date('2026-11-20T10:00:00Z')
};

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	await loadDemo(database.db, t.scope, { count: 150, seed: 11, today });
	const territoryId = t.scope.territoryId;
	const capital = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Capital Filles')!;
	coordinator = actorOf({ userId: 'claire', platformAdmin: false, roles: [{ territoryId, role: 'coordinator', organisationId: null }] });
	funder = actorOf({ userId: 'fanny', platformAdmin: false, roles: [{ territoryId, role: 'funder', organisationId: null }] });
	partner = actorOf({ userId: 'lea', platformAdmin: false, roles: [{ territoryId, role: 'partner', organisationId: capital.id }] });
	stranger = actorOf({ userId: 'rita', platformAdmin: false, roles: [{ territoryId, role: 'role_model', organisationId: null }] });
	capitalFilles = t.initiatives.find((i) => i.slug === 'capital-filles')!.id;
});
afterAll(() => database.close());

async function modelFor(actor: Actor, query: string): Promise<DashboardModel> {
	const page = await dashboardPage(database.db, t.scope, actor, new URLSearchParams(query), { today });
	if (!page.ok) throw new Error(JSON.stringify(page.errors));
	return page.model;
}

/** Participations read from the aggregate table directly, not through the code under test. */
async function storedSum(where: ReturnType<typeof sql>): Promise<number> {
	const [row] = await rows<{ n: number }>(
		database.db,
		sql`select coalesce(sum(participations), 0)::int as n from indicator_audience_cells where territory_id = ${t.scope.territoryId} and ${where}`
	);
	return Number(row!.n);
}

const sum = (list: readonly { participations: number }[]) => list.reduce((n, r) => n + r.participations, 0);

describe('the dashboard', () => {
	it('shows the indicator’s own figures for the same filters, and every breakdown adds up to the total', async () => {
		for (const query of ['period=year&schoolYear=2025-2026', `period=all&initiativeId=${capitalFilles}`]) {
			const model = await modelFor(coordinator, query);
			const indicator = await territoryIndicator(
				database.db,
				t.scope,
				query.includes('schoolYear') ? { schoolYear: '2025-2026' } : { initiativeId: capitalFilles }
			);
			expect(model.figures.participations).toBe(indicator.participations);
			expect(model.figures.activities).toBe(indicator.activities);
			expect(model.figures.participations).toBeGreaterThan(0);
			for (const section of dashboardSections(model, context.t)) expect(sum(section.rows), section.title).toBe(model.figures.participations);
		}
		const year = await modelFor(coordinator, 'period=year&schoolYear=2025-2026');
		expect(year.figures.participations).toBe(await storedSum(sql`month between '2025-09-01' and '2026-08-01'`));
		const girlsAndWomen = await storedSum(sql`month between '2025-09-01' and '2026-08-01' and audience in ('girls', 'women')`);
		expect(year.figures.girlsAndWomen).toBe(girlsAndWomen);
		expect(year.figures.girlsAndWomenShare).toBe(Math.round((girlsAndWomen / year.figures.participations) * 1000) / 10);
		expect(year.figures.distinctPeople).toBeNull();
	});

	it('puts each month of the school year beside the same month of the previous school year', async () => {
		const model = await modelFor(coordinator, 'period=year&schoolYear=2025-2026');
		expect(model.months.schoolYear).toBe('2025-2026');
		expect(model.months.previousSchoolYear).toBe('2024-2025');
		expect(model.months.rows.map((r) => r.month.slice(0, 7))).toEqual([
			'2025-09',
			'2025-10',
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02',
			'2026-03',
			'2026-04',
			'2026-05',
			'2026-06',
			'2026-07',
			'2026-08'
		]);
		for (const r of model.months.rows) {
			expect(r.participations).toBe(await storedSum(sql`month = ${r.month}`));
			expect(r.previous).toBe(await storedSum(sql`month = ${r.previousMonth}`));
		}
		expect(sum(model.months.rows)).toBe(model.figures.participations);
		expect(model.months.rows.reduce((n, r) => n + r.previous, 0)).toBe(await storedSum(sql`month between '2024-09-01' and '2025-08-01'`));
		// Without a school year chosen, the current one (today's) is compared with the one before.
		expect((await modelFor(coordinator, 'period=all')).months.schoolYear).toBe('2026-2027');
	});

	it('shows the whole plan’s target beside the actual figure when one is set for the school year', async () => {
		await createTarget(database.db, t.scope, SYSTEM_ACTOR, { schoolYear: '2025-2026', initiativeId: '', audience: '', target: '5000' });
		const model = await modelFor(coordinator, 'period=year&schoolYear=2025-2026');
		expect(model.figures.target).toMatchObject({ schoolYear: '2025-2026', target: 5000, actual: model.figures.participations });
		expect((await modelFor(coordinator, 'period=year&schoolYear=2024-2025')).figures.target).toBeNull();
	});

	it('a partner sees only the initiatives her organisation takes part in, whatever initiative she asks for', async () => {
		const page = await dashboardPage(database.db, t.scope, partner, new URLSearchParams('period=all'), { today });
		if (!page.ok) throw new Error('filters refused');
		expect(page.initiatives.map((i) => i.id)).toEqual([capitalFilles]);
		expect(page.model.wholeTerritory).toBe(false);
		expect(page.model.indicator.byInitiative.map((i) => Number(i.key))).toEqual([capitalFilles]);
		expect(page.model.figures.participations).toBe(await storedSum(sql`initiative_id = ${capitalFilles}`));
		expect(page.model.figures.participations).toBeLessThan(await storedSum(sql`true`));
		expect(page.model.figures.target).toBeNull();
		const other = t.initiatives.find((i) => i.id !== capitalFilles)!.id;
		// Another initiative of the territory is refused as an unknown one: no figure, not even a zero.
		const refused = await dashboardPage(database.db, t.scope, partner, new URLSearchParams(`period=all&initiativeId=${other}`), { today });
		expect(!refused.ok && refused.errors.initiativeId?.key).toBe('indicator.error_initiative_unknown');
	});

	it('a funder reads the whole territory, like the coordination; someone without the permission reads nothing', async () => {
		const funderView = await modelFor(funder, 'period=year&schoolYear=2025-2026');
		expect(funderView.wholeTerritory).toBe(true);
		expect(funderView.figures.participations).toBe((await modelFor(coordinator, 'period=year&schoolYear=2025-2026')).figures.participations);
		const none = await modelFor(stranger, 'period=all');
		expect(none.figures.participations).toBe(0);
		expect(none.indicator.byInitiative).toEqual([]);
	});

	it('wrong filters come back as French messages next to their field, never as figures', async () => {
		const page = await dashboardPage(database.db, t.scope, coordinator, new URLSearchParams('period=year&schoolYear=1999-2000'), { today });
		expect(page.ok).toBe(false);
		if (!page.ok) expect(context.t(page.errors.schoolYear!.key)).toMatch(/année scolaire/i);
	});
});

describe('the dashboard’s exports', () => {
	for (const query of ['period=year&schoolYear=2025-2026', 'period=months&fromMonth=2025-01&toMonth=2026-06&initiativeId=capital-filles']) {
		it(`the CSV and XLSX read back give the dashboard’s totals (${query})`, async () => {
			const model = await modelFor(coordinator, query.replace('capital-filles', String(capitalFilles)));
			const initiatives = t.initiatives.map((i) => ({ id: i.id, name: i.name }));
			for (const separator of [';', ','] as const) {
				const lines = parseCsv(dashboardCsv(model, context, initiatives, separator), separator);
				// Distinct people are not counted: the file says why, as the page does, rather than an empty cell.
				expect(lines.find((l) => l[0] === 'Personnes distinctes')?.[1]).toBe(context.t('dashboard.distinct_unknown'));
				const keyFigure = lines.find((l) => l[0] === 'Participations')!;
				expect(Number(keyFigure[1])).toBe(model.figures.participations);
				// The share, a decimal: a comma in the French `;` flavour (French Excel reads 52.8 as text or a date), a point with `,`.
				const share = lines.find((l) => l[0]!.startsWith('Part de filles'))!;
				expect(share[1]).toBe(separator === ';' ? String(model.figures.girlsAndWomenShare).replace('.', ',') : String(model.figures.girlsAndWomenShare));
				const header = lines.findIndex((l) => l[0] === 'Ventilation');
				const table = lines.slice(header + 1);
				const column = lines[header]!.indexOf('Participations');
				for (const title of ['Par public', 'Par niveau', 'Par initiative', 'Par type d’action', 'Par intercommunalité', 'Par commune']) {
					const total = table.filter((l) => l[0] === title).reduce((n, l) => n + Number(l[column]), 0);
					expect(total, title).toBe(model.figures.participations);
				}
				// Codes a reader can use elsewhere (INSEE, SIREN, the initiative's number); none for the platform's own words.
				const code = lines[header]!.indexOf('Code');
				const rowsOf = (title: string) => table.filter((l) => l[0] === title);
				for (const title of ['Par public', 'Par niveau', 'Par type d’action'])
					expect(
						rowsOf(title)
							.map((l) => l[code])
							.filter(Boolean),
						title
					).toEqual([]);
				expect(rowsOf('Par public').map((l) => l[2])).toContain('Filles');
				expect(rowsOf('Par commune').every((l) => /^\d[\dAB]\d{3}$/.test(l[code]!))).toBe(true);
				expect(rowsOf('Par intercommunalité').every((l) => /^\d{9}$/.test(l[code]!))).toBe(true);
				expect(rowsOf('Par initiative').every((l) => /^\d+$/.test(l[code]!))).toBe(true);
				const months = table.filter((l) => l[0] === `Par mois ${model.months.schoolYear}`);
				expect(months).toHaveLength(12);
			}
			const workbook = await readWorkbook(await dashboardXlsx(model, context, initiatives));
			const key = sheetValues(workbook.getWorksheet('Chiffres clés')!);
			expect(key[1]).toEqual(['Tableau de bord — Flandre – Pays de Saint-Omer']);
			expect(key.find((r) => r[0] === 'Période')?.[1]).toBeTruthy();
			expect(key.find((r) => r[0] === 'Participations')?.[1]).toBe(model.figures.participations);
			for (const name of ['Par public', 'Par initiative', 'Par commune', 'Par intercommunalité']) {
				const table = sheetTable(workbook.getWorksheet(name)!, 'Code');
				expect(table.body.every((r) => typeof table.cell(r, 'Participations') === 'number')).toBe(true);
				expect(
					table.body.reduce((n: number, r) => n + (table.cell(r, 'Participations') as number), 0),
					name
				).toBe(model.figures.participations);
			}
			expect(sheetTable(workbook.getWorksheet('Par public')!, 'Code').body.map((r) => r[0] ?? null)).toEqual(model.indicator.byAudience.map(() => null));
			expect(sheetTable(workbook.getWorksheet('Par commune')!, 'Code').body.map((r) => r[0])).toEqual(model.indicator.byCommune.map((c) => c.key));
			expect(sheetTable(workbook.getWorksheet('Par mois')!, 'Mois').body).toHaveLength(12);
			const json = dashboardJson(model, context, initiatives);
			expect(JSON.parse(JSON.stringify(json)).figures.participations).toBe(model.figures.participations);
		});
	}

	it('an initiative whose name starts with "=" or "＝" is neutralised in the CSV and the XLSX', async () => {
		const [first, second] = t.initiatives;
		await database.db.execute(sql`update initiatives set name = '=HYPERLINK("http://x")' where id = ${first!.id}`);
		await database.db.execute(sql`update initiatives set name = '＝1+1' where id = ${second!.id}`);
		const model = await modelFor(coordinator, 'period=all');
		const csv = parseCsv(dashboardCsv(model, context, []), ';');
		const labels = csv.filter((l) => l[0] === 'Par initiative').map((l) => l[2]);
		expect(labels).toContain(`'=HYPERLINK("http://x")`);
		expect(labels).toContain(`'＝1+1`);
		expect(csv.flat().some((c) => c.startsWith('=') || c.startsWith('＝'))).toBe(false);
		const cells = sheetValues((await readWorkbook(await dashboardXlsx(model, context, []))).getWorksheet('Par initiative')!).flat();
		expect(cells).toContain(`'=HYPERLINK("http://x")`);
		expect(cells).toContain(`'＝1+1`);
		expect(cells.some((c) => typeof c === 'string' && (c.startsWith('=') || c.startsWith('＝')))).toBe(false);
	});
});
