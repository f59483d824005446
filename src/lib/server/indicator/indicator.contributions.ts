import { and, eq, sql, type SQL } from 'drizzle-orm';
import { activities, activityAudiences } from '../activities/activities.table';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import {
	indicatorAudienceCells,
	indicatorCommuneCells,
	indicatorNational,
	indicatorNationalActivities,
	indicatorNationalLevels,
	indicatorNationalTypes,
	indicatorTypeCells
} from './indicator.table';

/*
 * The aggregates kept in the write transaction of every activity (decision 0001): what one done
 * activity adds to each table, as data. A table is named with the dimensions that key its cells
 * and the counts it adds up; the cells of many activities are summed first, so each cell is
 * written once (an import), and a removed activity's emptied cells are deleted.
 */

/** What one done activity adds to the aggregates. */
export interface Contribution {
	month: string;
	initiativeId: number;
	communeCode: string;
	activityType: string;
	audiences: readonly { audience: string; level: string; count: number }[];
}

/** A dimension of an activity (the same for all its audiences) or of one of its audience counts. */
type ActivityDimension = 'month' | 'initiativeId' | 'communeCode' | 'activityType';
type AudienceDimension = 'audience' | 'level';
type Count = 'participations' | 'activities';

interface Aggregate {
	table: PgTable;
	/** The dimensions of a cell, after the territory. */
	key: readonly (ActivityDimension | AudienceDimension)[];
	/** The counts it adds up; the last one is 0 in an empty cell. */
	counts: readonly Count[];
}

/** Every aggregate table. A new one goes here, in RECOUNTS (indicator.consistency.ts) and in a migration. */
const AGGREGATES: readonly Aggregate[] = [
	{ table: indicatorAudienceCells, key: ['month', 'initiativeId', 'audience', 'level'], counts: ['participations'] },
	{ table: indicatorNational, key: ['month', 'audience'], counts: ['participations'] },
	{ table: indicatorNationalLevels, key: ['month', 'audience', 'level'], counts: ['participations'] },
	{ table: indicatorCommuneCells, key: ['month', 'initiativeId', 'communeCode'], counts: ['participations', 'activities'] },
	{ table: indicatorTypeCells, key: ['month', 'initiativeId', 'activityType'], counts: ['participations', 'activities'] },
	{ table: indicatorNationalTypes, key: ['month', 'activityType'], counts: ['participations', 'activities'] },
	{ table: indicatorNationalActivities, key: ['month'], counts: ['activities'] }
];

const isAudienceDimension = (d: string): d is AudienceDimension => d === 'audience' || d === 'level';
const perAudience = (aggregate: Aggregate) => aggregate.key.some(isAudienceDimension);
const columnOf = (table: PgTable, name: string) => (table as unknown as Record<string, PgColumn>)[name]!;

type Cell = Record<string, string | number>;

/** A table's cells for the contributions: one per key, its counts summed. */
function cellsOf(aggregate: Aggregate, list: readonly Contribution[], sign: 1 | -1, territoryId: number): Cell[] {
	const cells = new Map<string, Cell>();
	const add = (values: Record<string, string | number>, counts: Record<Count, number>) => {
		const key = aggregate.key.map((d) => values[d]).join('|');
		const cell = cells.get(key);
		if (cell) for (const c of aggregate.counts) (cell[c] as number) += counts[c];
		else
			cells.set(key, {
				territoryId,
				...Object.fromEntries(aggregate.key.map((d) => [d, values[d]!])),
				...Object.fromEntries(aggregate.counts.map((c) => [c, counts[c]]))
			});
	};
	for (const { audiences, ...activity } of list) {
		if (perAudience(aggregate)) for (const a of audiences) add({ ...activity, ...a }, { participations: sign * a.count, activities: 0 });
		else add(activity, { participations: sign * audiences.reduce((n, a) => n + a.count, 0), activities: sign });
	}
	return [...cells.values()];
}

/** `column + excluded.column`: a count added to the cell already there. */
const plus = (table: PgTable, count: Count): SQL => sql`${columnOf(table, count)} + excluded.${sql.raw(columnOf(table, count).name)}`;

/** Rows per upsert (PostgreSQL takes at most 65,535 parameters a statement). */
const SLICE = 2000;

/**
 * Adds (sign = 1) or removes (sign = -1) the contributions of one or many activities (an import):
 * summed per cell first, so each aggregate cell is written once. Inside the caller's transaction,
 * so recorded activities count at once or not at all.
 */
export async function applyContributions(db: Db, scope: TerritoryScope, list: readonly Contribution[], sign: 1 | -1 = 1): Promise<void> {
	for (const aggregate of AGGREGATES) {
		const { table } = aggregate;
		const cells = cellsOf(aggregate, list, sign, scope.territoryId);
		for (let i = 0; i < cells.length; i += SLICE)
			await db
				.insert(table)
				.values(cells.slice(i, i + SLICE))
				.onConflictDoUpdate({
					target: ['territoryId', ...aggregate.key].map((d) => columnOf(table, d)),
					set: Object.fromEntries(aggregate.counts.map((c) => [c, plus(table, c)]))
				});
	}
}

/**
 * Adds (sign = 1) or removes (sign = -1) one activity's contribution; on removal, the cells it
 * leaves empty are deleted so that the aggregates stay as small as the data they summarise.
 */
export async function applyContribution(db: Db, scope: TerritoryScope, c: Contribution, sign: 1 | -1): Promise<void> {
	await applyContributions(db, scope, [c], sign);
	if (sign === 1) return;
	for (const { table, key, counts } of AGGREGATES) {
		const activityKey = key.filter((d): d is ActivityDimension => !isAudienceDimension(d));
		await db
			.delete(table)
			.where(
				and(
					eq(columnOf(table, 'territoryId'), scope.territoryId),
					...activityKey.map((d) => eq(columnOf(table, d), c[d])),
					eq(columnOf(table, counts.at(-1)!), 0)
				)
			);
	}
}

/** Each dimension read from an activity (`a`) or one of its audience counts (`aa`). */
const DIMENSION_SQL: Record<ActivityDimension | AudienceDimension, SQL> = {
	month: sql`date_trunc('month', a.date)::date`,
	initiativeId: sql`a.initiative_id`,
	communeCode: sql`a.commune_code`,
	activityType: sql`a.type`,
	audience: sql`aa.audience`,
	level: sql`aa.level`
};

/**
 * Adds activities already written (an import's slice: their ids) to every aggregate table, the
 * sums made by the database from the rows themselves: one statement per table, whatever the
 * number of activities, and nothing built in the app. The same tables, keys and counts as
 * `applyContributions` (AGGREGATES); done activities only. Inside the caller's transaction.
 */
export async function applyActivities(db: Db, scope: TerritoryScope, ids: readonly number[]): Promise<void> {
	if (ids.length === 0) return;
	// The ids as a table joined on the primary keys: `id = any(array)` would test every row against the whole list.
	const done = sql`with done as (
		select a.* from unnest(${`{${ids.join(',')}}`}::int[]) as i(id) join ${activities} a on a.id = i.id
		where a.territory_id = ${scope.territoryId} and a.status = 'done')`;
	for (const aggregate of AGGREGATES) {
		const { table, key, counts } = aggregate;
		const targets = ['territoryId', ...key].map((d) => sql.identifier(columnOf(table, d).name));
		const keys = sql.join(
			key.map((d) => DIMENSION_SQL[d]),
			sql`, `
		);
		const countNames = counts.map((c) => sql.identifier(columnOf(table, c).name));
		const sums = perAudience(aggregate)
			? sql`select ${scope.territoryId}::int, ${keys}, sum(aa.count)::int
				from done a join ${activityAudiences} aa on aa.activity_id = a.id
				group by ${keys}`
			: sql`select ${scope.territoryId}::int, ${keys}, ${sql.join(
					counts.map((c) => (c === 'participations' ? sql`coalesce(sum(p.n), 0)::int` : sql`count(*)::int`)),
					sql`, `
				)}
				from done a left join (
					select aa.activity_id, sum(aa.count)::int as n from done d join ${activityAudiences} aa on aa.activity_id = d.id group by aa.activity_id
				) p on p.activity_id = a.id
				group by ${keys}`;
		await db.execute(sql`
			${done}
			insert into ${table} (${sql.join([...targets, ...countNames], sql`, `)}) ${sums}
			on conflict (${sql.join(targets, sql`, `)}) do update set ${sql.join(
				countNames.map((c) => sql`${c} = ${table}.${c} + excluded.${c}`),
				sql`, `
			)}`);
	}
}
