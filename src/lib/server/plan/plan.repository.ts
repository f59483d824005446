import { and, asc, count, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { activities } from '../activities/activities.table';
import { organisations } from '../organisations/organisations.table';
import { actionPlans, initiativeOrganisations, initiatives, objectives, planContacts, planOrganisations, planStatements } from './plan.table';

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

export async function listStatements(db: Db, scope: TerritoryScope, planId: number) {
	return db
		.select()
		.from(planStatements)
		.where(and(eq(planStatements.territoryId, scope.territoryId), eq(planStatements.planId, planId)))
		.orderBy(asc(planStatements.position), asc(planStatements.id));
}

export async function listContacts(db: Db, scope: TerritoryScope, planId: number) {
	return db
		.select({
			id: planContacts.id,
			position: planContacts.position,
			name: planContacts.name,
			role: planContacts.role,
			email: planContacts.email,
			consentOn: planContacts.consentOn,
			organisationId: planContacts.organisationId,
			organisationName: organisations.name
		})
		.from(planContacts)
		.leftJoin(organisations, eq(organisations.id, planContacts.organisationId))
		.where(and(eq(planContacts.territoryId, scope.territoryId), eq(planContacts.planId, planId)))
		.orderBy(asc(planContacts.position), asc(planContacts.id));
}

export async function updatePlanRow(
	db: Db,
	scope: TerritoryScope,
	planId: number,
	values: Partial<Omit<typeof actionPlans.$inferInsert, 'id' | 'territoryId'>>
) {
	const [row] = await db
		.update(actionPlans)
		.set({ ...values, updatedAt: new Date() })
		.where(and(eq(actionPlans.territoryId, scope.territoryId), eq(actionPlans.id, planId)))
		.returning();
	return row!;
}

/**
 * The ordered sections of the sheet, each a table with a position: the plan editor adds, edits,
 * moves and removes their items the same way. Statements are ordered within their kind.
 */
const ORDERED = { statement: planStatements, objective: objectives, contact: planContacts, initiative: initiatives } as const;
export type OrderedSection = keyof typeof ORDERED;

export async function findOrderedItem(db: Db, scope: TerritoryScope, section: OrderedSection, planId: number, id: number) {
	const table = ORDERED[section];
	const [row] = await db
		.select()
		.from(table)
		.where(and(eq(table.territoryId, scope.territoryId), eq(table.planId, planId), eq(table.id, id)))
		.limit(1)
		.for('update');
	return (row as Record<string, unknown> & { id: number; position: number; kind?: string }) ?? null;
}

/** The items of a section in order (statements: of one kind), as id and position. */
export async function listOrderedItems(db: Db, scope: TerritoryScope, section: OrderedSection, planId: number, kind?: string) {
	const table = ORDERED[section];
	return db
		.select({ id: table.id, position: table.position })
		.from(table)
		.where(and(eq(table.territoryId, scope.territoryId), eq(table.planId, planId), section === 'statement' && kind ? eq(planStatements.kind, kind) : undefined))
		.orderBy(asc(table.position), asc(table.id));
}

export async function nextPosition(db: Db, scope: TerritoryScope, section: OrderedSection, planId: number): Promise<number> {
	const table = ORDERED[section];
	const [row] = await db
		.select({ last: max(table.position) })
		.from(table)
		.where(and(eq(table.territoryId, scope.territoryId), eq(table.planId, planId)));
	return (row?.last ?? 0) + 1;
}

export async function setPosition(db: Db, scope: TerritoryScope, section: OrderedSection, id: number, position: number) {
	const table = ORDERED[section];
	await db
		.update(table)
		.set({ position })
		.where(and(eq(table.territoryId, scope.territoryId), eq(table.id, id)));
}

export async function deleteOrderedItem(db: Db, scope: TerritoryScope, section: OrderedSection, id: number) {
	const table = ORDERED[section];
	await db.delete(table).where(and(eq(table.territoryId, scope.territoryId), eq(table.id, id)));
}

export async function insertStatement(db: Db, scope: TerritoryScope, values: { planId: number; kind: string; position: number; body: string }) {
	const [row] = await db
		.insert(planStatements)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updateStatement(db: Db, scope: TerritoryScope, id: number, values: { kind: string; body: string }) {
	const [row] = await db
		.update(planStatements)
		.set(values)
		.where(and(eq(planStatements.territoryId, scope.territoryId), eq(planStatements.id, id)))
		.returning();
	return row!;
}

export async function insertObjective(db: Db, scope: TerritoryScope, values: { planId: number; position: number; target: string; title: string }) {
	const [row] = await db
		.insert(objectives)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updateObjective(db: Db, scope: TerritoryScope, id: number, values: { target: string; title: string }) {
	const [row] = await db
		.update(objectives)
		.set(values)
		.where(and(eq(objectives.territoryId, scope.territoryId), eq(objectives.id, id)))
		.returning();
	return row!;
}

type ContactValues = { name: string | null; role: string; organisationId: number | null; consentOn: string | null };

export async function insertContact(db: Db, scope: TerritoryScope, values: ContactValues & { planId: number; position: number }) {
	const [row] = await db
		.insert(planContacts)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updateContact(db: Db, scope: TerritoryScope, id: number, values: ContactValues) {
	const [row] = await db
		.update(planContacts)
		.set(values)
		.where(and(eq(planContacts.territoryId, scope.territoryId), eq(planContacts.id, id)))
		.returning();
	return row!;
}

export async function findStakeholder(db: Db, scope: TerritoryScope, planId: number, organisationId: number, role: string) {
	const [row] = await db
		.select()
		.from(planOrganisations)
		.where(
			and(
				eq(planOrganisations.territoryId, scope.territoryId),
				eq(planOrganisations.planId, planId),
				eq(planOrganisations.organisationId, organisationId),
				eq(planOrganisations.role, role)
			)
		)
		.limit(1);
	return row ?? null;
}

export async function insertStakeholder(db: Db, scope: TerritoryScope, values: { planId: number; organisationId: number; role: string }) {
	await db.insert(planOrganisations).values({ ...values, territoryId: scope.territoryId });
}

export async function deleteStakeholder(db: Db, scope: TerritoryScope, planId: number, organisationId: number, role: string) {
	await db
		.delete(planOrganisations)
		.where(
			and(
				eq(planOrganisations.territoryId, scope.territoryId),
				eq(planOrganisations.planId, planId),
				eq(planOrganisations.organisationId, organisationId),
				eq(planOrganisations.role, role)
			)
		);
}

export async function insertInitiative(
	db: Db,
	scope: TerritoryScope,
	values: Omit<typeof initiatives.$inferInsert, 'id' | 'territoryId' | 'createdAt' | 'updatedAt'>
) {
	const [row] = await db
		.insert(initiatives)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updateInitiativeRow(
	db: Db,
	scope: TerritoryScope,
	id: number,
	values: Partial<Omit<typeof initiatives.$inferInsert, 'id' | 'territoryId' | 'createdAt' | 'planId'>>
) {
	const [row] = await db
		.update(initiatives)
		.set({ ...values, updatedAt: new Date() })
		.where(and(eq(initiatives.territoryId, scope.territoryId), eq(initiatives.id, id)))
		.returning();
	return row!;
}

/** Replaces the organisations of an initiative (lead, partners, networks). */
export async function replaceInitiativeOrganisations(
	db: Db,
	scope: TerritoryScope,
	initiativeId: number,
	links: readonly { organisationId: number; role: string }[]
) {
	await db
		.delete(initiativeOrganisations)
		.where(and(eq(initiativeOrganisations.territoryId, scope.territoryId), eq(initiativeOrganisations.initiativeId, initiativeId)));
	if (links.length) await db.insert(initiativeOrganisations).values(links.map((l) => ({ ...l, territoryId: scope.territoryId, initiativeId })));
}

/** Activities of any status recorded for an initiative: one is enough to forbid its deletion. */
export async function countInitiativeActivities(db: Db, scope: TerritoryScope, initiativeId: number): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(activities)
		.where(and(eq(activities.territoryId, scope.territoryId), eq(activities.initiativeId, initiativeId)));
	return Number(row?.n ?? 0);
}

/** Slugs already taken in the territory (a new initiative gets a free one). */
export async function listInitiativeSlugs(db: Db, scope: TerritoryScope): Promise<string[]> {
	const rows = await db.select({ slug: initiatives.slug }).from(initiatives).where(eq(initiatives.territoryId, scope.territoryId));
	return rows.map((r) => r.slug);
}
