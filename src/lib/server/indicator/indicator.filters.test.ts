import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory, doneActivity, otherTerritory } from '../../../../tests/support/fixtures';
import { createActivity } from '../activities/activities.usecases';
import type { Database } from '../db/client';
import { loadDemo } from '../seed/demo';
import { SYSTEM_ACTOR } from '../shared/scope';
import { readIndicatorFilters, resolvePeriod } from './indicator.schemas';
import { indicatorPage, territoryIndicator } from './indicator.usecases';

const today = '2026-11-20';
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let other: Awaited<ReturnType<typeof otherTerritory>>;

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	other = await otherTerritory(database.db);
	await loadDemo(database.db, t.scope, { count: 80, seed: 11, today });
	// A neighbour's activity that no drill-down of the first territory may count.
	await createActivity(database.db, other.scope, SYSTEM_ACTOR, doneActivity(other.initiativeId, { communeCode: other.communeCode }), { today });
});
afterAll(() => database.close());

const read = (q: string) => readIndicatorFilters(new URLSearchParams(q));

describe('the indicator filters take one period at a time', () => {
	it('a school year is applied alone when it is the period chosen, whatever months the form also sent', () => {
		const r = read('period=year&schoolYear=2025-2026&fromMonth=2026-01&toMonth=2026-02');
		expect(r.ok && resolvePeriod(r.query)).toEqual({ from: '2025-09-01', to: '2026-08-31', fromMonth: '2025-09-01', toMonth: '2026-08-01' });
	});

	it('a month range is applied alone when it is the period chosen', () => {
		const r = read('period=months&schoolYear=2025-2026&fromMonth=2026-01&toMonth=2026-02');
		expect(r.ok && resolvePeriod(r.query)).toEqual({ from: '2026-01-01', to: '2026-02-28', fromMonth: '2026-01-01', toMonth: '2026-02-01' });
	});

	it('a reversed range is refused with a French message next to the last month', () => {
		const r = read('period=months&fromMonth=2026-05&toMonth=2026-01');
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors.toMonth?.key).toBe('indicator.error_months_reversed');
	});

	it('an unknown school year, a malformed month or a month that does not exist is refused next to its field', () => {
		for (const [q, field, key] of [
			['period=year&schoolYear=2025-2027', 'schoolYear', 'validation.school_year'],
			['period=year&schoolYear=abc', 'schoolYear', 'validation.school_year'],
			['schoolYear=1999-2000', 'schoolYear', 'validation.school_year'],
			[`period=year&schoolYear=${Number(today.slice(0, 4)) + 3}-${Number(today.slice(0, 4)) + 4}`, 'schoolYear', 'validation.school_year'],
			['period=year', 'schoolYear', 'indicator.error_school_year_required'],
			['period=months&fromMonth=2026-13', 'fromMonth', 'validation.month'],
			['period=months&toMonth=26-01', 'toMonth', 'validation.month'],
			['period=months', 'fromMonth', 'indicator.error_months_required']
		] as const) {
			const r = read(q);
			expect(r.ok, q).toBe(false);
			expect(!r.ok && r.errors[field]?.key, q).toBe(key);
		}
	});

	it('an old link with both a school year and months, and no choice, is refused rather than guessed', () => {
		const r = read('schoolYear=2025-2026&fromMonth=2026-01');
		expect(!r.ok && r.errors.schoolYear?.key).toBe('indicator.error_one_period');
	});

	it('an initiative the page does not offer (another territory’s, a number typed, text) is refused next to its field, not shown as zeros', async () => {
		for (const id of [String(other.initiativeId), '999999', 'abc']) {
			const page = await indicatorPage(database.db, t.scope, new URLSearchParams(`initiativeId=${id}`), { today });
			expect(page.indicator, id).toBeNull();
			expect(!page.ok && page.errors.initiativeId?.key, id).toBe('indicator.error_initiative_unknown');
		}
		const own = await indicatorPage(database.db, t.scope, new URLSearchParams(`initiativeId=${t.initiativeId}`), { today });
		expect(own.ok && own.indicator?.initiativeId).toBe(t.initiativeId);
	});
});

/** Recount straight from the activity records (the test's own SQL, not the code under test). */
async function recount(where: ReturnType<typeof sql>, audienceWhere = sql`true`) {
	const result = await database.db.execute(sql`
		select coalesce(sum(aa.count), 0)::int as participations, count(distinct a.id)::int as activities
		from activities a left join activity_audiences aa on aa.activity_id = a.id and ${audienceWhere}
		where a.territory_id = ${t.scope.territoryId} and a.status = 'done' and ${where}`);
	const row = (result as unknown as { rows: { participations: number; activities: number }[] }).rows[0]!;
	return { participations: Number(row.participations), activities: Number(row.activities) };
}

describe('a visitor drills down through aggregates, and every drilled figure matches the records', () => {
	it('by audience and level', async () => {
		const ind = await territoryIndicator(database.db, t.scope, { audience: 'girls', level: 'lycee_pro' });
		const expected = await recount(sql`true`, sql`aa.audience = 'girls' and aa.level = 'lycee_pro'`);
		expect(ind.participations).toBe(expected.participations);
		expect(ind.participations).toBeGreaterThan(0);
		expect(ind.activitiesKnown).toBe(false);
		expect(ind.byAudience.map((a) => a.key)).toEqual(['girls']);
		expect(ind.byMonth.reduce((n, m) => n + m.participations, 0)).toBe(expected.participations);
		expect(ind.breakdowns).not.toContain('commune');
	});

	it('by EPCI and by commune', async () => {
		const all = await territoryIndicator(database.db, t.scope, {});
		const epci = all.byEpci.find((e) => e.participations > 0)!;
		const drilled = await territoryIndicator(database.db, t.scope, { epci: epci.key });
		const expected = await recount(
			sql`a.commune_code in (select code_insee from communes where epci_siren = ${epci.key} and territory_id = ${t.scope.territoryId})`
		);
		expect(drilled).toMatchObject(expected);
		expect(drilled.participations).toBe(epci.participations);
		const commune = all.byCommune[0]!;
		const one = await territoryIndicator(database.db, t.scope, { communeCode: commune.key, schoolYear: '2025-2026' });
		expect(one).toMatchObject(await recount(sql`a.commune_code = ${commune.key} and a.date between '2025-09-01' and '2026-08-31'`));
		expect(one.byInitiative.reduce((n, i) => n + i.participations, 0)).toBe(one.participations);
	});

	it('by type of activity, within an initiative', async () => {
		const drilled = await territoryIndicator(database.db, t.scope, { type: 'forum', initiativeId: t.initiativeId });
		expect(drilled).toMatchObject(await recount(sql`a.type = 'forum' and a.initiative_id = ${t.initiativeId}`));
		expect(drilled.byType.map((x) => x.key)).toEqual(drilled.activities > 0 ? ['forum'] : []);
	});
});
