import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { doneActivity } from '../../../../tests/support/fixtures';
import type { Database } from '../db/client';
import { compareAggregates } from '../indicator/indicator.consistency';
import { seedDefaultTerritory } from './default-territory';
import { createActivity } from '../activities/activities.usecases';
import { listInitiatives } from '../plan/plan.repository';
import { createDemoTerritory, DEMO_TERRITORY, removeDemo } from './demo';
import { adminActor } from '../../../../tests/support/actors';

const today = '2026-11-20';
let database: Database;
let realId = 0;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Everything the real territory counts or holds, read straight from the tables. */
async function realTerritoryFigures() {
	const [figures] = await rows<{ activities: number; cells: number; participations: number; organisations: number; audit: number }>(sql`select
		(select count(*)::int from activities where territory_id = ${realId}) as activities,
		(select coalesce(sum(count), 0)::int from activity_audiences where territory_id = ${realId}) as cells,
		(select coalesce(sum(participations), 0)::int from indicator_audience_cells where territory_id = ${realId}) as participations,
		(select count(*)::int from organisations where territory_id = ${realId}) as organisations,
		(select count(*)::int from audit_events where territory_id = ${realId}) as audit`);
	const [territory] = await rows<{ demo_loaded: boolean }>(sql`select demo_loaded from territories where id = ${realId}`);
	return { ...figures, demoFlag: territory!.demo_loaded };
}

interface DemoActivity {
	id: number;
	initiative: string;
	type: string;
	status: string;
	date: string;
	cancel_reason: string | null;
	girls: number;
	boys: number;
	prescribers: number;
	women: number;
}

async function demoActivities(): Promise<DemoActivity[]> {
	return rows<DemoActivity>(sql`select a.id, i.slug as initiative, a.type, a.status, a.date::text as date, a.cancel_reason,
		coalesce((select sum(count) from activity_audiences c where c.activity_id = a.id and c.audience = 'girls'), 0)::int as girls,
		coalesce((select sum(count) from activity_audiences c where c.activity_id = a.id and c.audience = 'boys'), 0)::int as boys,
		coalesce((select sum(count) from activity_audiences c where c.activity_id = a.id and c.audience = 'prescribers'), 0)::int as prescribers,
		coalesce((select sum(count) from activity_audiences c where c.activity_id = a.id and c.audience = 'women'), 0)::int as women
		from activities a join initiatives i on i.id = a.initiative_id join territories t on t.id = a.territory_id
		where t.slug = ${DEMO_TERRITORY.slug} order by a.id`);
}

beforeAll(async () => {
	database = await createTestDatabase();
	realId = (await seedDefaultTerritory(database.db)).territoryId;
	const scope = { territoryId: realId };
	await createActivity(database.db, scope, adminActor('coordinatrice'), doneActivity((await listInitiatives(database.db, scope))[0]!.id), { today });
});
afterAll(() => database.close());

describe('the demo lives in its own territory and never touches real figures', () => {
	it('mixite demo creates the demo territory and leaves the real territory exactly as it was', async () => {
		const before = await realTerritoryFigures();
		const result = await createDemoTerritory(database.db, { count: 200, seed: 11, today });
		expect(result.slug).toBe('demo');
		expect(await realTerritoryFigures()).toEqual(before);
		const [demo] = await rows<{ name: string; demo_loaded: boolean; communes: number }>(
			sql`select name, demo_loaded, (select count(*)::int from communes c where c.territory_id = t.id) as communes from territories t where slug = 'demo'`
		);
		expect(demo).toEqual({ name: 'Territoire de démonstration', demo_loaded: true, communes: 147 });
		expect(await demoActivities()).toHaveLength(200);
		for (const d of await compareAggregates(database.db)) expect(d, d.table).toMatchObject({ missing: 0, extra: 0 });
	});

	it('running it again recreates the same demo instead of adding a second one', async () => {
		const first = (await demoActivities()).map(({ id, ...rest }) => (void id, rest));
		await createDemoTerritory(database.db, { count: 200, seed: 11, today });
		expect((await demoActivities()).map(({ id, ...rest }) => (void id, rest))).toEqual(first);
		expect(await rows(sql`select id from territories where slug = 'demo'`)).toHaveLength(1);
	});

	it('each activity type belongs to its initiative', async () => {
		const allowed: Record<string, string[]> = {
			'verr-elles': ['school_visit', 'forum', 'company_visit', 'network_event'],
			'capital-filles': ['mentoring', 'workshop'],
			'elles-bougent': ['school_visit', 'forum', 'company_visit'],
			'portraits-corif': ['screening', 'training']
		};
		for (const a of await demoActivities()) expect(allowed[a.initiative], `${a.type} under ${a.initiative}`).toContain(a.type);
	});

	it('girls outnumber boys only in actions aimed at girls; prescriber sessions have prescribers; screenings reach women job seekers', async () => {
		const activities = await demoActivities();
		for (const a of activities.filter((x) => x.girls > x.boys && x.boys > 0)) expect(a.initiative, `activity ${a.id}`).toBe('elles-bougent');
		for (const a of activities.filter((x) => x.initiative === 'verr-elles')) expect(a.girls, `activity ${a.id}`).toBeLessThanOrEqual(a.boys);
		const training = activities.filter((x) => x.type === 'training');
		expect(training.length).toBeGreaterThan(0);
		for (const a of training) expect(a.prescribers, `activity ${a.id}`).toBeGreaterThan(0);
		for (const a of activities.filter((x) => x.type === 'screening')) expect(a.women).toBeGreaterThan(0);
	});

	it('some activities are planned in the coming weeks and some were cancelled with a reason', async () => {
		const activities = await demoActivities();
		const planned = activities.filter((a) => a.status === 'planned');
		const cancelled = activities.filter((a) => a.status === 'cancelled');
		expect(planned.length).toBeGreaterThan(0);
		for (const a of planned) expect(a.date > today).toBe(true);
		expect(cancelled.length).toBeGreaterThan(0);
		for (const a of cancelled) expect(a.cancel_reason).toBeTruthy();
		for (const a of activities.filter((x) => x.status === 'done')) expect(a.date <= today).toBe(true);
	});

	it('school holidays are nearly empty: the summer weeks hold no pupil activity', async () => {
		const activities = await demoActivities();
		const summer = activities.filter((a) => a.date.slice(5) >= '07-10' && a.date.slice(5) <= '08-25');
		expect(summer.filter((a) => a.girls + a.boys > 0)).toHaveLength(0);
		expect(activities.filter((a) => [0, 6].includes(new Date(`${a.date}T00:00:00Z`).getUTCDay()))).toHaveLength(0);
	});

	it('mixite demo --remove removes the demo territory and all of it, and the real territory is unchanged', async () => {
		const before = await realTerritoryFigures();
		expect(await removeDemo(database.db)).toBe(true);
		expect(await rows(sql`select id from territories where slug = 'demo'`)).toHaveLength(0);
		expect(await demoActivities()).toHaveLength(0);
		expect(await realTerritoryFigures()).toEqual(before);
		expect(before.activities).toBe(1);
		expect(await removeDemo(database.db)).toBe(false);
		for (const d of await compareAggregates(database.db)) expect(d, d.table).toMatchObject({ missing: 0, extra: 0 });
	});
});
