import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';

const DONE = sql`a.status = 'done'`;
const MONTH = sql`date_trunc('month', a.date)::date`;
const PER_ACTIVITY = sql`(select activity_id, sum(count)::int as n from activity_audiences group by activity_id)`;

/** Each aggregate table next to the query that recomputes it from the raw rows. */
const RECOUNTS: { table: string; columns: string; values: string; recount: SQL }[] = [
	{
		table: 'indicator_audience_cells',
		columns: 'territory_id, month, initiative_id, audience, level',
		values: 'participations',
		recount: sql`select a.territory_id, ${MONTH} as month, a.initiative_id, aa.audience, aa.level, sum(aa.count)::int as participations
			from activities a join activity_audiences aa on aa.activity_id = a.id where ${DONE} group by 1, 2, 3, 4, 5`
	},
	{
		table: 'indicator_commune_cells',
		columns: 'territory_id, month, initiative_id, commune_code',
		values: 'participations, activities',
		recount: sql`select a.territory_id, ${MONTH} as month, a.initiative_id, a.commune_code, coalesce(sum(p.n), 0)::int as participations, count(*)::int as activities
			from activities a left join ${PER_ACTIVITY} p on p.activity_id = a.id where ${DONE} group by 1, 2, 3, 4`
	},
	{
		table: 'indicator_type_cells',
		columns: 'territory_id, month, initiative_id, activity_type',
		values: 'participations, activities',
		recount: sql`select a.territory_id, ${MONTH} as month, a.initiative_id, a.type as activity_type, coalesce(sum(p.n), 0)::int as participations, count(*)::int as activities
			from activities a left join ${PER_ACTIVITY} p on p.activity_id = a.id where ${DONE} group by 1, 2, 3, 4`
	},
	{
		table: 'indicator_national',
		columns: 'territory_id, month, audience',
		values: 'participations',
		recount: sql`select a.territory_id, ${MONTH} as month, aa.audience, sum(aa.count)::int as participations
			from activities a join activity_audiences aa on aa.activity_id = a.id where ${DONE} group by 1, 2, 3`
	},
	{
		table: 'indicator_national_levels',
		columns: 'territory_id, month, audience, level',
		values: 'participations',
		recount: sql`select a.territory_id, ${MONTH} as month, aa.audience, aa.level, sum(aa.count)::int as participations
			from activities a join activity_audiences aa on aa.activity_id = a.id where ${DONE} group by 1, 2, 3, 4`
	},
	{
		table: 'indicator_national_types',
		columns: 'territory_id, month, activity_type',
		values: 'participations, activities',
		recount: sql`select a.territory_id, ${MONTH} as month, a.type as activity_type, coalesce(sum(p.n), 0)::int as participations, count(*)::int as activities
			from activities a left join ${PER_ACTIVITY} p on p.activity_id = a.id where ${DONE} group by 1, 2, 3`
	},
	{
		table: 'indicator_national_activities',
		columns: 'territory_id, month',
		values: 'activities',
		recount: sql`select a.territory_id, ${MONTH} as month, count(*)::int as activities from activities a where ${DONE} group by 1, 2`
	}
];

export interface AggregateDifference {
	table: string;
	/** Rows present in the recount but missing or different in the table. */
	missing: number;
	/** Rows in the table that the recount does not produce. */
	extra: number;
}

/** Recomputes every aggregate from the raw rows and compares, both ways. */
export async function compareAggregates(db: Db): Promise<AggregateDifference[]> {
	const out: AggregateDifference[] = [];
	for (const r of RECOUNTS) {
		const nonZero = r.values
			.split(',')
			.map((v) => `${v.trim()} <> 0`)
			.join(' or ');
		const stored = sql.raw(`select ${r.columns}, ${r.values} from ${r.table} where ${nonZero}`);
		const result = await db.execute<{ missing: number; extra: number }>(sql`
			with recount as (${r.recount}), stored as (${stored})
			select (select count(*) from (select * from recount except select * from stored) m)::int as missing,
			       (select count(*) from (select * from stored except select * from recount) e)::int as extra`);
		const row = rowsOf<{ missing: number; extra: number }>(result)[0] ?? { missing: 0, extra: 0 };
		out.push({ table: r.table, missing: Number(row.missing), extra: Number(row.extra) });
	}
	return out;
}

/** Rows of each aggregate table whose counts are all 0: none once the cells an activity emptied are deleted. */
export async function emptyCells(db: Db): Promise<{ table: string; rows: number }[]> {
	const out: { table: string; rows: number }[] = [];
	for (const r of RECOUNTS) {
		const zero = r.values
			.split(',')
			.map((v) => `${v.trim()} = 0`)
			.join(' and ');
		const result = await db.execute(sql.raw(`select count(*)::int as n from ${r.table} where ${zero}`));
		out.push({ table: r.table, rows: Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0) });
	}
	return out;
}

/** Rebuilds the aggregates from the raw rows (after a bulk load or a bulk removal). Caller opens the transaction. */
export async function rebuildAggregates(db: Db): Promise<void> {
	for (const r of RECOUNTS) {
		await db.execute(sql.raw(`delete from ${r.table}`));
		await db.execute(sql`insert into ${sql.raw(r.table)} (${sql.raw(r.columns)}, ${sql.raw(r.values)}) ${r.recount}`);
	}
}
