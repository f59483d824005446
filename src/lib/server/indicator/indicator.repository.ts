import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { indicatorActivityCells, indicatorCells, indicatorNational, indicatorNationalActivities } from './indicator.table';

/** What one done activity adds to the aggregates. */
export interface Contribution {
	month: string;
	initiativeId: number;
	communeCode: string;
	activityType: string;
	audiences: readonly { audience: string; level: string; count: number }[];
}

/**
 * Adds (sign = 1) or removes (sign = -1) one activity's contribution. Runs inside the
 * caller's transaction, so a recorded activity counts at once or not at all.
 */
export async function applyContribution(db: Db, scope: TerritoryScope, c: Contribution, sign: 1 | -1): Promise<void> {
	const { territoryId } = scope;
	const key = { territoryId, month: c.month, initiativeId: c.initiativeId, communeCode: c.communeCode, activityType: c.activityType };
	await db
		.insert(indicatorActivityCells)
		.values({ ...key, activities: sign })
		.onConflictDoUpdate({
			target: [
				indicatorActivityCells.territoryId,
				indicatorActivityCells.month,
				indicatorActivityCells.initiativeId,
				indicatorActivityCells.communeCode,
				indicatorActivityCells.activityType
			],
			set: { activities: sql`${indicatorActivityCells.activities} + excluded.activities` }
		});
	await db
		.insert(indicatorNationalActivities)
		.values({ territoryId, month: c.month, activities: sign })
		.onConflictDoUpdate({
			target: [indicatorNationalActivities.territoryId, indicatorNationalActivities.month],
			set: { activities: sql`${indicatorNationalActivities.activities} + excluded.activities` }
		});
	if (c.audiences.length > 0) {
		await db
			.insert(indicatorCells)
			.values(c.audiences.map((a) => ({ ...key, audience: a.audience, level: a.level, participations: sign * a.count })))
			.onConflictDoUpdate({
				target: [
					indicatorCells.territoryId,
					indicatorCells.month,
					indicatorCells.initiativeId,
					indicatorCells.communeCode,
					indicatorCells.activityType,
					indicatorCells.audience,
					indicatorCells.level
				],
				set: { participations: sql`${indicatorCells.participations} + excluded.participations` }
			});
		const byAudience = new Map<string, number>();
		for (const a of c.audiences) byAudience.set(a.audience, (byAudience.get(a.audience) ?? 0) + a.count);
		await db
			.insert(indicatorNational)
			.values([...byAudience].map(([audience, n]) => ({ territoryId, month: c.month, audience, participations: sign * n })))
			.onConflictDoUpdate({
				target: [indicatorNational.territoryId, indicatorNational.month, indicatorNational.audience],
				set: { participations: sql`${indicatorNational.participations} + excluded.participations` }
			});
	}
	if (sign === -1) {
		// Empty cells are removed so that the aggregates stay as small as the data they summarise.
		await db.delete(indicatorCells).where(and(eq(indicatorCells.territoryId, territoryId), eq(indicatorCells.month, c.month), eq(indicatorCells.initiativeId, c.initiativeId), eq(indicatorCells.communeCode, c.communeCode), eq(indicatorCells.activityType, c.activityType), eq(indicatorCells.participations, 0)));
		await db.delete(indicatorActivityCells).where(and(eq(indicatorActivityCells.territoryId, territoryId), eq(indicatorActivityCells.month, c.month), eq(indicatorActivityCells.initiativeId, c.initiativeId), eq(indicatorActivityCells.communeCode, c.communeCode), eq(indicatorActivityCells.activityType, c.activityType), eq(indicatorActivityCells.activities, 0)));
		await db.delete(indicatorNational).where(and(eq(indicatorNational.territoryId, territoryId), eq(indicatorNational.month, c.month), eq(indicatorNational.participations, 0)));
		await db.delete(indicatorNationalActivities).where(and(eq(indicatorNationalActivities.territoryId, territoryId), eq(indicatorNationalActivities.month, c.month), eq(indicatorNationalActivities.activities, 0)));
	}
}

export interface MonthRange {
	/** First day of the first month, inclusive. */
	fromMonth?: string;
	/** First day of the last month, inclusive. */
	toMonth?: string;
}

function monthBounds(column: typeof indicatorCells.month | typeof indicatorActivityCells.month | typeof indicatorNational.month | typeof indicatorNationalActivities.month, range: MonthRange) {
	return [range.fromMonth ? gte(column, range.fromMonth) : undefined, range.toMonth ? lte(column, range.toMonth) : undefined];
}

export interface ParticipationCell {
	month: string;
	initiativeId: number;
	communeCode: string;
	activityType: string;
	audience: string;
	level: string;
	participations: number;
}

export interface ActivityCell {
	month: string;
	initiativeId: number;
	communeCode: string;
	activityType: string;
	activities: number;
}

/** The territory's cells for a period: one indexed range read of the pre-aggregated table. */
export async function readTerritoryCells(db: Db, scope: TerritoryScope, range: MonthRange, initiativeId?: number) {
	const participations: ParticipationCell[] = await db
		.select({
			month: indicatorCells.month,
			initiativeId: indicatorCells.initiativeId,
			communeCode: indicatorCells.communeCode,
			activityType: indicatorCells.activityType,
			audience: indicatorCells.audience,
			level: indicatorCells.level,
			participations: indicatorCells.participations
		})
		.from(indicatorCells)
		.where(and(eq(indicatorCells.territoryId, scope.territoryId), ...monthBounds(indicatorCells.month, range), initiativeId ? eq(indicatorCells.initiativeId, initiativeId) : undefined));
	const activities: ActivityCell[] = await db
		.select({
			month: indicatorActivityCells.month,
			initiativeId: indicatorActivityCells.initiativeId,
			communeCode: indicatorActivityCells.communeCode,
			activityType: indicatorActivityCells.activityType,
			activities: indicatorActivityCells.activities
		})
		.from(indicatorActivityCells)
		.where(and(eq(indicatorActivityCells.territoryId, scope.territoryId), ...monthBounds(indicatorActivityCells.month, range), initiativeId ? eq(indicatorActivityCells.initiativeId, initiativeId) : undefined));
	return { participations, activities };
}

/** National roll-up: every territory, by audience and territory. Not territory-scoped on purpose (platform-level figure). */
export async function readNationalRollup(db: Db, range: MonthRange) {
	const byTerritoryAudience = await db
		.select({ territoryId: indicatorNational.territoryId, audience: indicatorNational.audience, participations: sql<number>`sum(${indicatorNational.participations})::int` })
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
