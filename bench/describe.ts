/** What the report says about the machine and the generated dataset. */
import os from 'node:os';
import pg from 'pg';
import { SCHOOL_YEARS } from './generate';
import type { Dataset, Machine } from './report';

const CURRENT_YEAR = SCHOOL_YEARS[SCHOOL_YEARS.length - 1]!;

export async function one<T extends pg.QueryResultRow>(client: pg.Client, text: string, values?: unknown[]): Promise<T> {
	const result = await client.query<T>(text, values);
	return result.rows[0]!;
}

export async function describeMachine(client: pg.Client, server: string): Promise<Machine> {
	const cpus = os.cpus();
	const version = (await one<{ version: string }>(client, 'select version()')).version;
	const names = [
		'shared_buffers',
		'work_mem',
		'effective_cache_size',
		'max_parallel_workers_per_gather',
		'jit',
		'fsync',
		'synchronous_commit',
		'full_page_writes'
	];
	const settings = await client.query<{ name: string; setting: string }>(
		`select name, current_setting(name) as setting from pg_settings where name = any($1::text[])`,
		[names]
	);
	const byName = new Map(settings.rows.map((r) => [r.name, r.setting]));
	return {
		cpu: cpus[0]?.model.trim() ?? 'unknown',
		cores: cpus.length,
		memoryGiB: os.totalmem() / 1024 ** 3,
		os: `${os.type()} ${os.release()} (${os.arch()})`,
		node: process.version,
		postgres: version,
		settings: Object.fromEntries(names.filter((n) => byName.has(n)).map((n) => [n, byName.get(n)!])),
		server
	};
}

export async function describeDataset(client: pg.Client, requestedActivities: number): Promise<Dataset> {
	const tables = [
		'territories',
		'epcis',
		'communes',
		'initiatives',
		'activities',
		'activity_audiences',
		'indicator_audience_cells',
		'indicator_commune_cells',
		'indicator_type_cells',
		'indicator_national',
		'indicator_national_levels',
		'indicator_national_types',
		'indicator_national_activities'
	];
	const rows: Dataset['rows'] = [];
	for (const table of tables) {
		const r = await one<{ n: string; bytes: string }>(client, `select count(*) as n, pg_total_relation_size('${table}') as bytes from ${table}`);
		rows.push({ table, rows: Number(r.n), bytes: Number(r.bytes) });
	}
	const status = await client.query<{ status: string; n: string }>(`select status, count(*) as n from activities group by status order by count(*) desc`);
	const years = await client.query<{ year: string; n: string }>(
		`select (extract(year from date - interval '8 months'))::int || '-' || (extract(year from date - interval '8 months'))::int + 1 as year, count(*) as n
		 from activities group by 1 order by 1`
	);
	const perTerritory = await one<{ min: string; median: string; max: string }>(
		client,
		`select min(n) as min, percentile_disc(0.5) within group (order by n) as median, max(n) as max
		 from (select t.id, count(a.id) as n from territories t left join activities a on a.territory_id = t.id group by t.id) x`
	);
	const cellsPerTerritory: Dataset['cellsPerTerritory'] = [];
	for (const [label, where] of [
		[`school year ${CURRENT_YEAR}`, `month between date '${CURRENT_YEAR.slice(0, 4)}-09-01' and date '${CURRENT_YEAR.slice(5)}-08-01'`],
		['all time', 'true']
	] as const) {
		const r = await one<{ mean: string; max: string }>(
			client,
			`select avg(n) as mean, max(n) as max from (
			   select t.id, coalesce(c.n, 0) + coalesce(ac.n, 0) + coalesce(tc.n, 0) as n from territories t
			   left join (select territory_id, count(*) as n from indicator_audience_cells where ${where} group by 1) c on c.territory_id = t.id
			   left join (select territory_id, count(*) as n from indicator_commune_cells where ${where} group by 1) ac on ac.territory_id = t.id
			   left join (select territory_id, count(*) as n from indicator_type_cells where ${where} group by 1) tc on tc.territory_id = t.id) x`
		);
		cellsPerTerritory.push({ label, mean: Number(r.mean), max: Number(r.max) });
	}
	return {
		requestedActivities,
		territories: rows.find((r) => r.table === 'territories')!.rows,
		rows,
		activitiesByStatus: Object.fromEntries(status.rows.map((r) => [r.status, Number(r.n)])),
		activitiesByYear: years.rows.map((r) => ({ year: r.year, activities: Number(r.n) })),
		perTerritory: { min: Number(perTerritory.min), median: Number(perTerritory.median), max: Number(perTerritory.max) },
		cellsPerTerritory
	};
}
