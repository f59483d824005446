import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory, doneActivity, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { translator } from '../../i18n';
import { parseActivityFilters } from '../activities/activities.schemas';
import { createActivity, exportActivitiesCsv } from '../activities/activities.usecases';
import { openDatabase, migrate, type Database } from '../db/client';
import { loadDemo } from '../seed/demo';
import { compareAggregates } from './indicator.consistency';
import { nationalDashboardIndicator, nationalIndicator, nationalMonths, territoryIndicator, territoryMonths, type Figure } from './indicator.usecases';
import type { Reach } from '../shared/reach';
import { activitiesHref } from '../../links';
import { SYSTEM_ACTOR } from '../shared/scope';

const today = '2026-11-20';
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let other: Awaited<ReturnType<typeof otherTerritory>>;

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	other = await otherTerritory(database.db);
	await loadDemo(database.db, t.scope, { count: 150, seed: 7, today });
	await createActivity(database.db, other.scope, SYSTEM_ACTOR, doneActivity(other.initiativeId, { communeCode: other.communeCode }), { today });
});
afterAll(() => database.close());

/** Sums the "Participations" column of the CSV export for the filters a figure links to. */
async function csvTotal(href: string): Promise<number> {
	const filters = parseActivityFilters(new URL(href, 'http://x').searchParams);
	const csv = await exportActivitiesCsv(database.db, t.scope, SYSTEM_ACTOR, filters, translator('fr'));
	const [header, ...lines] = csv.replace('\ufeff', '').trim().split('\r\n');
	const column = header!.split(';').indexOf('Participations');
	expect(column).toBeGreaterThan(0);
	return lines.reduce((sum, line) => sum + Number(line.split(';')[column]), 0);
}

describe('the people-sensitized indicator', () => {
	it('every breakdown adds up to the total', async () => {
		const ind = await territoryIndicator(database.db, t.scope, {});
		expect(ind.participations).toBeGreaterThan(0);
		const sum = (rows: { participations: number }[]) => rows.reduce((n, r) => n + r.participations, 0);
		for (const rows of [ind.byAudience, ind.byLevel, ind.byInitiative, ind.byMonth, ind.bySchoolYear, ind.byEpci, ind.byCommune, ind.byType]) {
			expect(sum(rows)).toBe(ind.participations);
		}
		expect(ind.byEpci).toHaveLength(4);
	});

	it('the CSV export behind each figure adds up to that figure', async () => {
		const ind = await territoryIndicator(database.db, t.scope, { schoolYear: '2025-2026' });
		const base = { status: 'done', from: ind.period.from, to: ind.period.to };
		expect(await csvTotal(activitiesHref('x', base))).toBe(ind.participations);
		for (const f of ind.byAudience.slice(0, 3)) expect(await csvTotal(activitiesHref('x', { ...base, audience: f.key }))).toBe(f.participations);
		for (const f of ind.byLevel.slice(0, 3))
			expect(await csvTotal(activitiesHref('x', { ...base, audience: f.audience, level: f.level }))).toBe(f.participations);
		for (const f of ind.byEpci) expect(await csvTotal(activitiesHref('x', { ...base, epci: f.key }))).toBe(f.participations);
		for (const f of ind.byInitiative) expect(await csvTotal(activitiesHref('x', { ...base, initiativeId: f.key }))).toBe(f.participations);
		const month = ind.byMonth[0]!;
		expect(
			await csvTotal(
				activitiesHref('x', {
					status: 'done',
					from: month.key,
					to: `${month.key.slice(0, 8)}${new Date(Date.UTC(Number(month.key.slice(0, 4)), Number(month.key.slice(5, 7)), 0)).getUTCDate()}`
				})
			)
		).toBe(month.participations);
	});

	it('a school year runs from September to August', async () => {
		const all = await territoryIndicator(database.db, t.scope, {});
		const years = await Promise.all(all.bySchoolYear.map((y) => territoryIndicator(database.db, t.scope, { schoolYear: y.key })));
		expect(years.map((y) => y.participations)).toEqual(all.bySchoolYear.map((y) => y.participations));
	});

	it('a territory sees only its own figures; the national figure adds up every territory', async () => {
		const mine = await territoryIndicator(database.db, t.scope, {});
		const theirs = await territoryIndicator(database.db, other.scope, {});
		expect(theirs.participations).toBe(23);
		const national = await nationalIndicator(database.db, {});
		expect(national.participations).toBe(mine.participations + theirs.participations);
		expect(national.activities).toBe(mine.activities + theirs.activities);
	});

	it('the months read alone are the indicator’s months, for every drill-down, initiative and reach', async () => {
		const initiativeId = t.initiatives[1]!.id;
		const queries = [
			{ schoolYear: '2024-2025' },
			{ schoolYear: '2025-2026', initiativeId },
			{ audience: 'girls' },
			{ audience: 'girls', level: 'lycee_pro' },
			{ type: 'school_visit' },
			{ communeCode: '62765' },
			{
				epci: (
					await rows<{ siren: string }>(database.db, sql`select epci_siren as siren from communes where territory_id = ${t.scope.territoryId} limit 1`)
				)[0]!.siren
			}
		];
		const reaches: Reach[] = ['all', [initiativeId], []];
		for (const query of queries) {
			for (const reach of reaches) {
				const expected = (await territoryIndicator(database.db, t.scope, query, { initiatives: reach })).byMonth;
				const months = await territoryMonths(database.db, t.scope, query, { initiatives: reach });
				const counted = (list: Figure[]) =>
					list
						.filter((m) => m.participations !== 0)
						.map(({ key, label, participations }) => ({ key, label, participations }))
						.sort((x, y) => x.key.localeCompare(y.key));
				expect(counted(months), JSON.stringify({ query, reach })).toEqual(counted(expected));
			}
		}
	});

	it('reading the indicator never touches the raw activity rows', async () => {
		const statements: string[] = [];
		const logged = await openDatabase({ dataDir: 'memory://', logger: { logQuery: (q) => statements.push(q) } });
		try {
			await migrate(logged);
			statements.length = 0;
			await territoryIndicator(logged.db, t.scope, { schoolYear: '2025-2026' });
			await nationalIndicator(logged.db, {});
			await nationalDashboardIndicator(logged.db, { schoolYear: '2025-2026' });
			await nationalMonths(logged.db, { schoolYear: '2025-2026' });
			await territoryMonths(logged.db, t.scope, { schoolYear: '2025-2026' });
			expect(statements.length).toBeGreaterThan(0);
			for (const q of statements) expect(q).not.toMatch(/(from|join)\s+"(activities|activity_audiences)"/i);
		} finally {
			await logged.close();
		}
	});
});

describe('mixite check', () => {
	it('finds the aggregates equal to a full recount, and spots a tampered cell', async () => {
		expect((await compareAggregates(database.db)).every((d) => d.missing === 0 && d.extra === 0)).toBe(true);
		await database.db.execute(
			sql`update indicator_audience_cells set participations = participations + 1 where ctid = (select ctid from indicator_audience_cells limit 1)`
		);
		const differences = await compareAggregates(database.db);
		expect(differences.find((d) => d.table === 'indicator_audience_cells')).toMatchObject({ missing: 1, extra: 1 });
		await database.db.execute(
			sql`update indicator_audience_cells set participations = participations - 1 where ctid = (select ctid from indicator_audience_cells limit 1)`
		);
	});
});

describe('the months of the indicator', () => {
	it('run from the first month with an activity to the last, a month without any given as zero (no gap in a chart’s time axis)', async () => {
		await createActivity(database.db, other.scope, SYSTEM_ACTOR, doneActivity(other.initiativeId, { communeCode: other.communeCode, date: '2026-01-20' }), {
			today
		});
		const months = (await territoryIndicator(database.db, other.scope, {})).byMonth;
		expect(months.map((m) => [m.key, m.participations])).toEqual([
			['2025-10-01', 23],
			['2025-11-01', 0],
			['2025-12-01', 0],
			['2026-01-01', 23]
		]);
	});
});
