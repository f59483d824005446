import { and, asc, eq, max, sql, sum } from 'drizzle-orm';
import type { Db } from '../db/client';
import { activities } from '../activities/activities.table';
import { indicatorAudienceCells } from '../indicator/indicator.table';
import type { TerritoryScope } from '../shared/scope';
import { communeOutlines, communes, epcis, territories } from './territories.table';

export type TerritoryRow = typeof territories.$inferSelect;

export async function findTerritoryBySlug(db: Db, slug: string) {
	const [row] = await db.select().from(territories).where(eq(territories.slug, slug)).limit(1);
	return row ?? null;
}

export async function findTerritoryById(db: Db, id: number) {
	const [row] = await db.select().from(territories).where(eq(territories.id, id)).limit(1);
	return row ?? null;
}

export async function listTerritories(db: Db) {
	return db.select().from(territories).orderBy(asc(territories.name));
}

/**
 * Every territory with its headline figure (participations, read from the indicator aggregates)
 * and the date of its latest done activity: one query, grouped per territory.
 */
export async function listTerritoriesWithFigures(db: Db) {
	const figures = db
		.select({ territoryId: indicatorAudienceCells.territoryId, participations: sum(indicatorAudienceCells.participations).as('participations') })
		.from(indicatorAudienceCells)
		.groupBy(indicatorAudienceCells.territoryId)
		.as('figures');
	const latest = db
		.select({ territoryId: activities.territoryId, lastActivityOn: max(activities.date).as('last_activity_on') })
		.from(activities)
		.where(eq(activities.status, 'done'))
		.groupBy(activities.territoryId)
		.as('latest');
	return db
		.select({
			id: territories.id,
			slug: territories.slug,
			name: territories.name,
			demoLoaded: territories.demoLoaded,
			archivedAt: territories.archivedAt,
			createdAt: territories.createdAt,
			participations: sql<number>`coalesce(${figures.participations}, 0)::int`,
			lastActivityOn: latest.lastActivityOn
		})
		.from(territories)
		.leftJoin(figures, eq(figures.territoryId, territories.id))
		.leftJoin(latest, eq(latest.territoryId, territories.id))
		.orderBy(asc(territories.name));
}

/** A new territory row; null when the slug is already taken (atomic: two admins cannot both get it). */
export async function insertTerritoryRow(db: Db, values: { slug: string; name: string }) {
	const [row] = await db.insert(territories).values(values).onConflictDoNothing({ target: territories.slug }).returning();
	return row ?? null;
}

let versionMoves = 0;
/**
 * How many times this process has moved a data version (counted before the move's transaction
 * commits): the public cache trusts a version it read while this number stays the same.
 */
export function localVersionMoves(): number {
	return versionMoves;
}

export async function updateTerritoryRow(db: Db, scope: TerritoryScope, values: Partial<Pick<TerritoryRow, 'name' | 'archivedAt'>>) {
	versionMoves++;
	const [row] = await db
		.update(territories)
		.set({ ...values, dataVersion: sql`${territories.dataVersion} + 1` })
		.where(eq(territories.id, scope.territoryId))
		.returning();
	return row ?? null;
}

export async function listEpcis(db: Db, scope: TerritoryScope) {
	return db.select().from(epcis).where(eq(epcis.territoryId, scope.territoryId)).orderBy(asc(epcis.name));
}

export async function listCommunes(db: Db, scope: TerritoryScope) {
	return db.select().from(communes).where(eq(communes.territoryId, scope.territoryId)).orderBy(asc(communes.name));
}

export async function findCommune(db: Db, scope: TerritoryScope, codeInsee: string) {
	const [row] = await db
		.select()
		.from(communes)
		.where(and(eq(communes.territoryId, scope.territoryId), eq(communes.codeInsee, codeInsee)))
		.limit(1);
	return row ?? null;
}

export async function setDemoLoaded(db: Db, scope: TerritoryScope, loaded: boolean) {
	versionMoves++;
	await db
		.update(territories)
		.set({ demoLoaded: loaded, dataVersion: sql`${territories.dataVersion} + 1` })
		.where(eq(territories.id, scope.territoryId));
}

/**
 * An audited change is being written: the public cache stops trusting the versions it read. The
 * version itself moves when the change commits, in the database (`audit_events_data_version`,
 * drizzle/0013, decision 0012).
 */
export function noteDataVersionMove(): void {
	versionMoves++;
}

/** A territory's data version by its slug (one row by the slug's unique index); null when there is no such territory. */
export async function dataVersionBySlug(db: Db, slug: string): Promise<string | null> {
	const [row] = await db.select({ id: territories.id, version: territories.dataVersion }).from(territories).where(eq(territories.slug, slug)).limit(1);
	return row ? `${row.id}.${row.version}` : null;
}

/** The instance's data version: every territory's id and version (a handful of rows), for pages that show several. */
export async function instanceDataVersion(db: Db): Promise<string> {
	const rows = await db.select({ id: territories.id, version: territories.dataVersion }).from(territories).orderBy(asc(territories.id));
	return rows.map((r) => `${r.id}.${r.version}`).join(',');
}

/** Deletes a territory; every row of it goes with it (foreign keys cascade on territory_id). */
export async function deleteTerritory(db: Db, scope: TerritoryScope) {
	await db.delete(territories).where(eq(territories.id, scope.territoryId));
}

export type OutlineRow = typeof communeOutlines.$inferInsert;

/** The territory's outlines replaced by a new import, in the caller's transaction. */
export async function replaceCommuneOutlines(db: Db, scope: TerritoryScope, rows: Omit<OutlineRow, 'territoryId'>[]) {
	await db.delete(communeOutlines).where(eq(communeOutlines.territoryId, scope.territoryId));
	for (let i = 0; i < rows.length; i += 50) {
		await db.insert(communeOutlines).values(rows.slice(i, i + 50).map((r) => ({ ...r, territoryId: scope.territoryId })));
	}
}

/** The centre (longitude, latitude) of each commune whose outline is known. */
export async function listCommuneCentres(db: Db, scope: TerritoryScope): Promise<Map<string, [number, number]>> {
	const rows = await db
		.select({ code: communeOutlines.codeInsee, lon: communeOutlines.centreLon, lat: communeOutlines.centreLat })
		.from(communeOutlines)
		.where(eq(communeOutlines.territoryId, scope.territoryId));
	return new Map(rows.map((r) => [r.code, [r.lon, r.lat] as [number, number]]));
}

/** The outline (GeoJSON geometry, as imported) of each commune that has one, for the map. */
export async function listCommuneOutlines(db: Db, scope: TerritoryScope): Promise<{ code: string; geometry: unknown }[]> {
	return db
		.select({ code: communeOutlines.codeInsee, geometry: communeOutlines.geometry })
		.from(communeOutlines)
		.where(eq(communeOutlines.territoryId, scope.territoryId))
		.orderBy(asc(communeOutlines.codeInsee));
}

/** How many communes have an outline, and when the last import was made. */
export async function outlineStatus(db: Db, scope: TerritoryScope) {
	const [row] = await db
		.select({ count: sql<number>`count(*)::int`, at: max(communeOutlines.importedAt) })
		.from(communeOutlines)
		.where(eq(communeOutlines.territoryId, scope.territoryId));
	return { count: Number(row?.count ?? 0), importedAt: row?.at ?? null };
}
