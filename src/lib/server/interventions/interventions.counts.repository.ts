import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Reach } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import { requestReach } from './interventions.repository';
import { interventionReports, interventionRequests } from './interventions.table';

/** Counts only: a key and how many requests, never a name, a contact or an organisation. */
export interface KeyCount {
	key: string;
	count: number;
}

async function countBy(db: Db, scope: TerritoryScope, reach: Reach, key: SQL<string>): Promise<KeyCount[]> {
	const rows = await db
		.select({ key, count: sql<number>`count(*)::int` })
		.from(interventionRequests)
		.where(and(eq(interventionRequests.territoryId, scope.territoryId), requestReach(reach)))
		.groupBy(key)
		.orderBy(key);
	return rows.map((r) => ({ key: String(r.key), count: Number(r.count) }));
}

export const countByState = (db: Db, scope: TerritoryScope, reach: Reach) => countBy(db, scope, reach, sql<string>`${interventionRequests.state}`);
export const countByKind = (db: Db, scope: TerritoryScope, reach: Reach) => countBy(db, scope, reach, sql<string>`${interventionRequests.kindCode}`);
export const countByRequesterKind = (db: Db, scope: TerritoryScope, reach: Reach) =>
	countBy(db, scope, reach, sql<string>`${interventionRequests.requesterKind}`);
/** By the month (in Paris) the request was received. */
export const countByMonth = (db: Db, scope: TerritoryScope, reach: Reach) =>
	countBy(db, scope, reach, sql<string>`to_char(${interventionRequests.createdAt} at time zone 'Europe/Paris', 'YYYY-MM')`);

/** People reported: the counts of the reports that were applied to the accounting (agreeing and conflicting ones are never added). */
export async function sumPeopleReported(db: Db, scope: TerritoryScope, reach: Reach): Promise<number> {
	const [row] = await db
		.select({ total: sql<number>`coalesce(sum((c.value->>'count')::int), 0)::int` })
		.from(interventionReports)
		.innerJoin(interventionRequests, eq(interventionRequests.id, interventionReports.requestId))
		.innerJoin(sql`jsonb_array_elements(${interventionReports.counts}) as c`, sql`true`)
		.where(
			and(
				eq(interventionReports.territoryId, scope.territoryId),
				eq(interventionRequests.territoryId, scope.territoryId),
				eq(interventionReports.outcome, 'applied'),
				requestReach(reach)
			)
		);
	return Number(row?.total ?? 0);
}
