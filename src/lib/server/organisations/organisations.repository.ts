import { and, asc, desc, eq, ilike } from 'drizzle-orm';
import type { Db } from '../db/client';
import { reachCondition, type Reach } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import { organisationStatuses, organisations } from './organisations.table';

/** Every organisation of the territory (choices of other domains' forms: hosts, parties, leads). */
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

/** `%` and `_` typed in the search box are letters, not wildcards. */
const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The directory: the organisations within the reach, by name and kind. */
export async function searchOrganisations(db: Db, scope: TerritoryScope, reach: Reach, filters: { q?: string; kind?: string }) {
	return db
		.select()
		.from(organisations)
		.where(
			and(
				eq(organisations.territoryId, scope.territoryId),
				reachCondition(organisations.id, reach),
				filters.q ? ilike(organisations.name, likeLiteral(filters.q)) : undefined,
				filters.kind ? eq(organisations.kind, filters.kind) : undefined
			)
		)
		.orderBy(asc(organisations.name));
}

/** One organisation within the reach; out of reach is the same as unknown. */
export async function findOrganisationInReach(db: Db, scope: TerritoryScope, reach: Reach, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(organisations)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(organisations.id, id), reachCondition(organisations.id, reach)))
		.limit(1);
	const [row] = options.forUpdate ? await query.for('update') : await query;
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

export async function updateOrganisationRow(
	db: Db,
	scope: TerritoryScope,
	id: number,
	values: Partial<Omit<typeof organisations.$inferInsert, 'territoryId' | 'id' | 'createdAt'>>
) {
	const [row] = await db
		.update(organisations)
		.set(values)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(organisations.id, id)))
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
