import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { reachCondition, type Reach } from '../shared/reach';
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

export interface MonthRange {
	/** First day of the first month, inclusive. */
	fromMonth?: string;
	/** First day of the last month, inclusive. */
	toMonth?: string;
}

type MonthColumn =
	| typeof indicatorAudienceCells.month
	| typeof indicatorCommuneCells.month
	| typeof indicatorTypeCells.month
	| typeof indicatorNational.month
	| typeof indicatorNationalActivities.month
	| typeof indicatorNationalLevels.month
	| typeof indicatorNationalTypes.month;

function monthBounds(column: MonthColumn, range: MonthRange) {
	return [range.fromMonth ? gte(column, range.fromMonth) : undefined, range.toMonth ? lte(column, range.toMonth) : undefined];
}

export interface RollupRow {
	month: string | null;
	initiativeId: number | null;
	key: string | null;
	level?: string | null;
	participations: number;
	activities?: number;
}

/** One drill-down: the aggregate table that holds the dimension is read, the others are not. */
export interface RollupDrill {
	audience?: string;
	level?: string;
	type?: string;
	/** A commune, or every commune of an EPCI. */
	communeCodes?: readonly string[];
	/** Only these initiatives (a partner's dashboard); an empty list matches nothing. */
	initiatives?: Reach;
}

/** The conditions of each aggregate table for a territory, a period, an initiative and a drill-down. */
function rollupConditions(scope: TerritoryScope, range: MonthRange, initiativeId: number | undefined, drill: RollupDrill) {
	const where = (t: typeof indicatorAudienceCells | typeof indicatorCommuneCells | typeof indicatorTypeCells) =>
		and(
			eq(t.territoryId, scope.territoryId),
			...monthBounds(t.month, range),
			initiativeId ? eq(t.initiativeId, initiativeId) : undefined,
			drill.initiatives ? reachCondition(t.initiativeId, drill.initiatives) : undefined
		);
	const a = indicatorAudienceCells;
	const c = indicatorCommuneCells;
	const ty = indicatorTypeCells;
	const codes = drill.communeCodes;
	return {
		audience: and(where(a), drill.audience ? eq(a.audience, drill.audience) : undefined, drill.level ? eq(a.level, drill.level) : undefined),
		commune: and(where(c), codes !== undefined ? (codes.length > 0 ? inArray(c.communeCode, [...codes]) : sql`false`) : undefined),
		type: and(where(ty), drill.type ? eq(ty.activityType, drill.type) : undefined)
	};
}

/**
 * A territory's participations by month for a period and a drill-down, from the one table that
 * holds the drill-down (the audience table without one): what `readTerritoryRollup`'s month rows
 * give, in one small query.
 */
export async function readTerritoryMonths(db: Db, scope: TerritoryScope, range: MonthRange, initiativeId?: number, drill: RollupDrill = {}) {
	const where = rollupConditions(scope, range, initiativeId, drill);
	const [table, condition] =
		drill.audience === undefined && drill.communeCodes !== undefined
			? [indicatorCommuneCells, where.commune]
			: drill.audience === undefined && drill.type !== undefined
				? [indicatorTypeCells, where.type]
				: [indicatorAudienceCells, where.audience];
	return db
		.select({ month: sql<string>`to_char(${table.month}, 'YYYY-MM-DD')`, participations: sql<number>`sum(${table.participations})::int` })
		.from(table)
		.where(condition)
		.groupBy(table.month);
}

/**
 * A territory's breakdowns for a period, rolled up by the database with GROUPING SETS:
 * a few hundred rows at most, whatever the number of activities. The aggregate tables do not
 * cross audience, commune and type, so a drill-down on one of them reads only its own table
 * (the others come back empty rather than wrong).
 */
export async function readTerritoryRollup(db: Db, scope: TerritoryScope, range: MonthRange, initiativeId?: number, drill: RollupDrill = {}) {
	const where = rollupConditions(scope, range, initiativeId, drill);
	const byAudience = drill.audience !== undefined;
	const byCommune = drill.communeCodes !== undefined;
	const byType = drill.type !== undefined;
	const any = byAudience || byCommune || byType;
	const a = indicatorAudienceCells;
	const audienceWhere = where.audience;
	const audience =
		any && !byAudience
			? []
			: rowsOf<{ month: string | null; initiative_id: number | null; audience: string | null; level: string | null; participations: number }>(
					await db.execute(sql`select to_char(${a.month}, 'YYYY-MM-DD') as month, ${a.initiativeId} as initiative_id, ${a.audience} as audience, ${a.level} as level, sum(${a.participations})::int as participations
			from ${a} where ${audienceWhere} group by grouping sets ((${a.month}), (${a.initiativeId}), (${a.audience}, ${a.level}))`)
				);
	const c = indicatorCommuneCells;
	const communeWhere = where.commune;
	const commune =
		any && !byCommune
			? []
			: rowsOf<{ month: string | null; initiative_id: number | null; commune_code: string | null; participations: number; activities: number }>(
					await db.execute(sql`select to_char(${c.month}, 'YYYY-MM-DD') as month, ${c.initiativeId} as initiative_id, ${c.communeCode} as commune_code, sum(${c.participations})::int as participations, sum(${c.activities})::int as activities
			from ${c} where ${communeWhere} group by grouping sets ((${c.month}), (${c.initiativeId}), (${c.communeCode}))`)
				);
	const ty = indicatorTypeCells;
	const typeWhere = where.type;
	const type =
		any && !byType
			? []
			: rowsOf<{ month: string | null; initiative_id: number | null; activity_type: string | null; participations: number; activities: number }>(
					await db.execute(sql`select to_char(${ty.month}, 'YYYY-MM-DD') as month, ${ty.initiativeId} as initiative_id, ${ty.activityType} as activity_type, sum(${ty.participations})::int as participations, sum(${ty.activities})::int as activities
			from ${ty} where ${typeWhere} group by grouping sets ((${ty.month}), (${ty.initiativeId}), (${ty.activityType}))`)
				);
	return { audience, commune, type };
}

/** National roll-up: every territory, by audience and territory. Not territory-scoped on purpose (platform-level figure). */
export async function readNationalRollup(db: Db, range: MonthRange) {
	const byTerritoryAudience = await db
		.select({
			territoryId: indicatorNational.territoryId,
			audience: indicatorNational.audience,
			participations: sql<number>`sum(${indicatorNational.participations})::int`
		})
		.from(indicatorNational)
		.where(and(...monthBounds(indicatorNational.month, range)))
		.groupBy(indicatorNational.territoryId, indicatorNational.audience);
	const byTerritory = await db
		.select({ territoryId: indicatorNationalActivities.territoryId, activities: sql<number>`sum(${indicatorNationalActivities.activities})::int` })
		.from(indicatorNationalActivities)
		.where(and(...monthBounds(indicatorNationalActivities.month, range)))
		.groupBy(indicatorNationalActivities.territoryId);
	return { byTerritoryAudience, byTerritory };
}

/** Participations of every territory by month (YYYY-MM-01), from the national roll-up. */
export async function readNationalMonths(db: Db, range: MonthRange) {
	const n = indicatorNational;
	return db
		.select({ month: sql<string>`to_char(${n.month}, 'YYYY-MM-DD')`, participations: sql<number>`sum(${n.participations})::int` })
		.from(n)
		.where(and(...monthBounds(n.month, range)))
		.groupBy(n.month);
}

/**
 * The national dashboard's finer breakdowns, from the national roll-ups (one row per territory,
 * month and value, without initiative or commune): participations and activities by month,
 * participations by audience and level, participations and activities by activity type. Not
 * territory-scoped on purpose (platform-level figures).
 */
export async function readNationalBreakdowns(db: Db, range: MonthRange) {
	const l = indicatorNationalLevels;
	const ty = indicatorNationalTypes;
	const na = indicatorNationalActivities;
	const [byMonth, activitiesByMonth, byLevel, byType] = await Promise.all([
		readNationalMonths(db, range),
		db
			.select({ month: sql<string>`to_char(${na.month}, 'YYYY-MM-DD')`, activities: sql<number>`sum(${na.activities})::int` })
			.from(na)
			.where(and(...monthBounds(na.month, range)))
			.groupBy(na.month),
		db
			.select({ audience: l.audience, level: l.level, participations: sql<number>`sum(${l.participations})::int` })
			.from(l)
			.where(and(...monthBounds(l.month, range)))
			.groupBy(l.audience, l.level),
		db
			.select({ type: ty.activityType, participations: sql<number>`sum(${ty.participations})::int`, activities: sql<number>`sum(${ty.activities})::int` })
			.from(ty)
			.where(and(...monthBounds(ty.month, range)))
			.groupBy(ty.activityType)
	]);
	return { byMonth, activitiesByMonth, byLevel, byType };
}

/**
 * The open data's inputs, from the aggregates: participations by month, initiative and audience,
 * and by month and commune (the aggregates do not cross commune and audience, decision 0001).
 */
export async function readOpenDataCells(db: Db, scope: TerritoryScope) {
	const a = indicatorAudienceCells;
	const c = indicatorCommuneCells;
	const [audience, commune] = await Promise.all([
		db
			.select({ month: a.month, initiativeId: a.initiativeId, audience: a.audience, participations: sql<number>`sum(${a.participations})::int` })
			.from(a)
			.where(eq(a.territoryId, scope.territoryId))
			.groupBy(a.month, a.initiativeId, a.audience),
		db
			.select({ month: c.month, communeCode: c.communeCode, participations: sql<number>`sum(${c.participations})::int` })
			.from(c)
			.where(eq(c.territoryId, scope.territoryId))
			.groupBy(c.month, c.communeCode)
	]);
	return { audience, commune };
}
