import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { organisationStatuses, organisations } from './organisations.table';

export async function listOrganisations(db: Db, scope: TerritoryScope) {
	return db.select().from(organisations).where(eq(organisations.territoryId, scope.territoryId)).orderBy(asc(organisations.name));
}

export async function findOrganisation(db: Db, scope: TerritoryScope, id: number) {
	const [row] = await db
		.select()
		.from(organisations)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(organisations.id, id)))
		.limit(1);
	return row ?? null;
}

/** Status history, newest first: the first row is the current status. */
export async function listOrganisationStatuses(db: Db, scope: TerritoryScope, organisationId: number) {
	return db
		.select()
		.from(organisationStatuses)
		.where(and(eq(organisationStatuses.territoryId, scope.territoryId), eq(organisationStatuses.organisationId, organisationId)))
		.orderBy(desc(organisationStatuses.since), desc(organisationStatuses.id));
}

export async function insertOrganisation(db: Db, scope: TerritoryScope, values: Omit<typeof organisations.$inferInsert, 'territoryId' | 'id'>) {
	const [row] = await db
		.insert(organisations)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function insertOrganisationStatus(
	db: Db,
	scope: TerritoryScope,
	values: { organisationId: number; status: string; since: string; note?: string | null }
) {
	await db.insert(organisationStatuses).values({ ...values, territoryId: scope.territoryId });
}
