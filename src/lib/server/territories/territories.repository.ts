import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { communes, epcis, territories } from './territories.table';

export async function findTerritoryBySlug(db: Db, slug: string) {
	const [row] = await db.select().from(territories).where(eq(territories.slug, slug)).limit(1);
	return row ?? null;
}

export async function listTerritories(db: Db) {
	return db.select().from(territories).orderBy(asc(territories.name));
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
	await db.update(territories).set({ demoLoaded: loaded }).where(eq(territories.id, scope.territoryId));
}

/** Deletes a territory; every row of it goes with it (foreign keys cascade on territory_id). */
export async function deleteTerritory(db: Db, scope: TerritoryScope) {
	await db.delete(territories).where(eq(territories.id, scope.territoryId));
}
