import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { activityTypes, initiativeActivityTypes } from './activity-types.table';

/** The national list, in the order forms offer it (retired types included: recorded activities keep them). */
export async function listActivityTypes(db: Db) {
	return db.select().from(activityTypes).orderBy(asc(activityTypes.position));
}

/** The types each initiative of the territory offers (for the given initiatives, or all). */
export async function listInitiativeActivityTypes(db: Db, scope: TerritoryScope, initiativeIds?: readonly number[]) {
	if (initiativeIds && initiativeIds.length === 0) return [];
	return db
		.select({ initiativeId: initiativeActivityTypes.initiativeId, typeCode: initiativeActivityTypes.typeCode })
		.from(initiativeActivityTypes)
		.innerJoin(activityTypes, eq(activityTypes.code, initiativeActivityTypes.typeCode))
		.where(
			and(
				eq(initiativeActivityTypes.territoryId, scope.territoryId),
				initiativeIds ? inArray(initiativeActivityTypes.initiativeId, [...initiativeIds]) : undefined
			)
		)
		.orderBy(asc(activityTypes.position));
}

/** Replaces an initiative's choice (inside the caller's transaction). */
export async function replaceInitiativeActivityTypes(db: Db, scope: TerritoryScope, initiativeId: number, codes: readonly string[]) {
	await db
		.delete(initiativeActivityTypes)
		.where(and(eq(initiativeActivityTypes.territoryId, scope.territoryId), eq(initiativeActivityTypes.initiativeId, initiativeId)));
	if (codes.length) await db.insert(initiativeActivityTypes).values(codes.map((typeCode) => ({ territoryId: scope.territoryId, initiativeId, typeCode })));
}
