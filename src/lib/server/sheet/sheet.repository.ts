import { and, asc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { activityTypes, initiativeActivityTypes } from '../activity-types/activity-types.table';
import type { Db } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import { actionPlans, initiatives, objectives, planContacts } from '../plan/plan.table';
import type { TerritoryScope } from '../shared/scope';
import { communes, territories } from '../territories/territories.table';

/*
 * The sheet reads the plan's tables (written by the plan editor) and, for "Partir de ce plan",
 * appends to the target territory's plan. Every query carries the territory scope; the catalogue
 * reads are platform-level on purpose (every public sheet), like the national indicator.
 */

/** The public contacts: name (when entered), role, organisation and a functional e-mail when one was stored. */
export async function listContacts(db: Db, scope: TerritoryScope, planId: number) {
	return db
		.select({
			position: planContacts.position,
			name: planContacts.name,
			role: planContacts.role,
			email: planContacts.email,
			organisation: organisations.name
		})
		.from(planContacts)
		.leftJoin(organisations, and(eq(organisations.id, planContacts.organisationId), eq(organisations.territoryId, scope.territoryId)))
		.where(and(eq(planContacts.territoryId, scope.territoryId), eq(planContacts.planId, planId)))
		.orderBy(asc(planContacts.position));
}

/** The activity types each initiative offers, in the national order. */
export async function listInitiativeTypes(db: Db, scope: TerritoryScope, initiativeIds: readonly number[]) {
	if (initiativeIds.length === 0) return [];
	return db
		.select({ initiativeId: initiativeActivityTypes.initiativeId, typeCode: initiativeActivityTypes.typeCode })
		.from(initiativeActivityTypes)
		.innerJoin(activityTypes, eq(activityTypes.code, initiativeActivityTypes.typeCode))
		.where(and(eq(initiativeActivityTypes.territoryId, scope.territoryId), inArray(initiativeActivityTypes.initiativeId, [...initiativeIds])))
		.orderBy(asc(activityTypes.position));
}

/** Territories the catalogue lists: not archived, not the demo (its figures are fictional). */
export async function listCatalogueTerritories(db: Db) {
	return db
		.select({ id: territories.id, slug: territories.slug, name: territories.name })
		.from(territories)
		.where(and(isNull(territories.archivedAt), eq(territories.demoLoaded, false)))
		.orderBy(asc(territories.name));
}

/** One plan per territory (the first), with what the catalogue shows and searches. */
export async function listCataloguePlans(db: Db, territoryIds: readonly number[]) {
	if (territoryIds.length === 0) return [];
	return db
		.selectDistinctOn([actionPlans.territoryId], {
			id: actionPlans.id,
			territoryId: actionPlans.territoryId,
			title: actionPlans.title,
			summary: actionPlans.summary
		})
		.from(actionPlans)
		.where(inArray(actionPlans.territoryId, [...territoryIds]))
		.orderBy(asc(actionPlans.territoryId), asc(actionPlans.id));
}

export async function listCatalogueObjectives(db: Db, planIds: readonly number[]) {
	if (planIds.length === 0) return [];
	return db
		.select({ planId: objectives.planId, target: objectives.target, title: objectives.title })
		.from(objectives)
		.where(inArray(objectives.planId, [...planIds]));
}

export async function listCatalogueInitiatives(db: Db, planIds: readonly number[]) {
	if (planIds.length === 0) return [];
	return db
		.select({ planId: initiatives.planId, name: initiatives.name })
		.from(initiatives)
		.where(inArray(initiatives.planId, [...planIds]));
}

/**
 * The départements of each territory's communes. Overseas communes are filed under "97": their
 * département is the first three digits of the INSEE code.
 */
export async function listTerritoryDepartements(db: Db, territoryIds: readonly number[]) {
	if (territoryIds.length === 0) return [];
	const departement = sql<string>`case when ${communes.departement} = '97' then substr(${communes.codeInsee}, 1, 3) else ${communes.departement} end`;
	return db
		.selectDistinct({ territoryId: communes.territoryId, departement })
		.from(communes)
		.where(inArray(communes.territoryId, [...territoryIds]));
}

/** Where appended rows go: after the last position of the target plan. */
export async function nextPositions(db: Db, scope: TerritoryScope, planId: number) {
	const [o] = await db
		.select({ n: max(objectives.position) })
		.from(objectives)
		.where(and(eq(objectives.territoryId, scope.territoryId), eq(objectives.planId, planId)));
	const [i] = await db
		.select({ n: max(initiatives.position) })
		.from(initiatives)
		.where(eq(initiatives.territoryId, scope.territoryId));
	return { objective: (o?.n ?? 0) + 1, initiative: (i?.n ?? 0) + 1 };
}

export async function insertObjectives(db: Db, scope: TerritoryScope, rows: { planId: number; position: number; target: string; title: string }[]) {
	if (rows.length === 0) return;
	await db.insert(objectives).values(rows.map((r) => ({ ...r, territoryId: scope.territoryId })));
}

/** A copied initiative: a draft (planned), without dates nor organisations. */
export async function insertDraftInitiative(
	db: Db,
	scope: TerritoryScope,
	row: { planId: number; position: number; slug: string; name: string; description: string }
) {
	const [inserted] = await db
		.insert(initiatives)
		.values({ ...row, territoryId: scope.territoryId, status: 'planned', startsOn: null, endsOn: null })
		.returning({ id: initiatives.id });
	return inserted!.id;
}

export async function insertInitiativeTypes(db: Db, scope: TerritoryScope, initiativeId: number, typeCodes: readonly string[]) {
	if (typeCodes.length === 0) return;
	await db.insert(initiativeActivityTypes).values(typeCodes.map((typeCode) => ({ territoryId: scope.territoryId, initiativeId, typeCode })));
}

export async function setCopiedFrom(db: Db, scope: TerritoryScope, planId: number, sourcePlanId: number) {
	await db
		.update(actionPlans)
		.set({ copiedFromPlanId: sourcePlanId, updatedAt: new Date() })
		.where(and(eq(actionPlans.territoryId, scope.territoryId), eq(actionPlans.id, planId)));
}

export async function findTerritory(db: Db, scope: TerritoryScope) {
	const [row] = await db
		.select({ id: territories.id, slug: territories.slug, name: territories.name, archivedAt: territories.archivedAt, demoLoaded: territories.demoLoaded })
		.from(territories)
		.where(eq(territories.id, scope.territoryId))
		.limit(1);
	return row ?? null;
}

/** The plan a sheet was started from, with its territory (provenance shown on the sheet). */
export async function findPlanOrigin(db: Db, planId: number) {
	const [row] = await db
		.select({ slug: territories.slug, name: territories.name })
		.from(actionPlans)
		.innerJoin(territories, eq(territories.id, actionPlans.territoryId))
		.where(eq(actionPlans.id, planId))
		.limit(1);
	return row ?? null;
}
