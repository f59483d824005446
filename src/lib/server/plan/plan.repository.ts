import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { organisations } from '../organisations/organisations.table';
import { actionPlans, initiativeOrganisations, initiatives, objectives, planOrganisations } from './plan.table';

export async function findPlan(db: Db, scope: TerritoryScope) {
	const [plan] = await db.select().from(actionPlans).where(eq(actionPlans.territoryId, scope.territoryId)).orderBy(asc(actionPlans.id)).limit(1);
	return plan ?? null;
}

export async function listObjectives(db: Db, scope: TerritoryScope, planId: number) {
	return db
		.select()
		.from(objectives)
		.where(and(eq(objectives.territoryId, scope.territoryId), eq(objectives.planId, planId)))
		.orderBy(asc(objectives.position));
}

export async function listInitiatives(db: Db, scope: TerritoryScope) {
	return db.select().from(initiatives).where(eq(initiatives.territoryId, scope.territoryId)).orderBy(asc(initiatives.position));
}

export async function findInitiative(db: Db, scope: TerritoryScope, id: number) {
	const [row] = await db
		.select()
		.from(initiatives)
		.where(and(eq(initiatives.territoryId, scope.territoryId), eq(initiatives.id, id)))
		.limit(1);
	return row ?? null;
}

export async function listInitiativeOrganisations(db: Db, scope: TerritoryScope, initiativeIds: number[]) {
	if (initiativeIds.length === 0) return [];
	return db
		.select({
			initiativeId: initiativeOrganisations.initiativeId,
			role: initiativeOrganisations.role,
			organisationId: organisations.id,
			name: organisations.name
		})
		.from(initiativeOrganisations)
		.innerJoin(organisations, eq(organisations.id, initiativeOrganisations.organisationId))
		.where(and(eq(initiativeOrganisations.territoryId, scope.territoryId), inArray(initiativeOrganisations.initiativeId, initiativeIds)));
}

export async function listPlanOrganisations(db: Db, scope: TerritoryScope, planId: number) {
	return db
		.select({
			role: planOrganisations.role,
			organisationId: organisations.id,
			name: organisations.name,
			kind: organisations.kind,
			parentId: organisations.parentId
		})
		.from(planOrganisations)
		.innerJoin(organisations, eq(organisations.id, planOrganisations.organisationId))
		.where(and(eq(planOrganisations.territoryId, scope.territoryId), eq(planOrganisations.planId, planId)))
		.orderBy(asc(organisations.id));
}

export async function updatePlanPeriod(db: Db, scope: TerritoryScope, planId: number, period: { startsOn: string | null; endsOn: string | null }) {
	await db
		.update(actionPlans)
		.set({ ...period, updatedAt: new Date() })
		.where(and(eq(actionPlans.territoryId, scope.territoryId), eq(actionPlans.id, planId)));
}

export async function listAllInitiativeOrganisations(db: Db, scope: TerritoryScope) {
	return db
		.select({ initiativeId: initiativeOrganisations.initiativeId, organisationId: initiativeOrganisations.organisationId })
		.from(initiativeOrganisations)
		.where(eq(initiativeOrganisations.territoryId, scope.territoryId));
}
