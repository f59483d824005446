import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import type { TerritoryScope } from '../shared/scope';
import { portraitPlays, portraits, screeningPortraits } from './portraits.table';

export type PortraitRow = typeof portraits.$inferSelect;

const inScope = (scope: TerritoryScope) => eq(portraits.territoryId, scope.territoryId);

export async function listPortraitRows(db: Db, scope: TerritoryScope) {
	return db
		.select({ portrait: portraits, firm: organisations.name })
		.from(portraits)
		.leftJoin(organisations, and(eq(organisations.id, portraits.organisationId), eq(organisations.territoryId, scope.territoryId)))
		.where(inScope(scope))
		.orderBy(asc(portraits.title), asc(portraits.id));
}

/** Published portraits (their consent is checked by the caller, on the day of the read). */
export async function listPublishedRows(db: Db, scope: TerritoryScope) {
	return db
		.select({ portrait: portraits, firm: organisations.name })
		.from(portraits)
		.leftJoin(organisations, and(eq(organisations.id, portraits.organisationId), eq(organisations.territoryId, scope.territoryId)))
		.where(and(inScope(scope), isNotNull(portraits.publishedAt)))
		.orderBy(desc(portraits.publishedAt), asc(portraits.id));
}

export async function findPortrait(db: Db, scope: TerritoryScope, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select({ portrait: portraits, firm: organisations.name })
		.from(portraits)
		.leftJoin(organisations, and(eq(organisations.id, portraits.organisationId), eq(organisations.territoryId, scope.territoryId)))
		.where(and(inScope(scope), eq(portraits.id, id)));
	const [row] = options.forUpdate ? await query.for('update', { of: portraits }) : await query;
	return row ?? null;
}

export async function insertPortrait(db: Db, scope: TerritoryScope, values: Omit<typeof portraits.$inferInsert, 'territoryId' | 'id'>) {
	const [row] = await db
		.insert(portraits)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updatePortraitRow(db: Db, scope: TerritoryScope, id: number, values: Partial<typeof portraits.$inferInsert>) {
	const [row] = await db
		.update(portraits)
		.set({ ...values, updatedAt: new Date() })
		.where(and(inScope(scope), eq(portraits.id, id)))
		.returning();
	return row ?? null;
}

export async function deletePortraitRow(db: Db, scope: TerritoryScope, id: number) {
	await db.delete(portraits).where(and(inScope(scope), eq(portraits.id, id)));
}

/** The firms a portrait may name: the territory's organisations. */
export async function listFirmOptions(db: Db, scope: TerritoryScope) {
	return db
		.select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
		.from(organisations)
		.where(eq(organisations.territoryId, scope.territoryId))
		.orderBy(asc(organisations.name));
}

export async function organisationExists(db: Db, scope: TerritoryScope, id: number): Promise<boolean> {
	const [row] = await db
		.select({ id: organisations.id })
		.from(organisations)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(organisations.id, id)));
	return Boolean(row);
}

/** One more play of a portrait today (a counter: nothing about who played it). */
export async function addPlay(db: Db, scope: TerritoryScope, portraitId: number, day: string) {
	await db
		.insert(portraitPlays)
		.values({ territoryId: scope.territoryId, portraitId, day, plays: 1 })
		.onConflictDoUpdate({ target: [portraitPlays.portraitId, portraitPlays.day], set: { plays: sql`${portraitPlays.plays} + 1` } });
}

/** Plays per portrait (all portraits of the territory), optionally between two days. */
export async function playsByPortrait(db: Db, scope: TerritoryScope, range: { from?: string; to?: string } = {}) {
	const conditions = [eq(portraitPlays.territoryId, scope.territoryId)];
	if (range.from) conditions.push(sql`${portraitPlays.day} >= ${range.from}`);
	if (range.to) conditions.push(sql`${portraitPlays.day} <= ${range.to}`);
	const rows = await db
		.select({ portraitId: portraitPlays.portraitId, plays: sql<number>`sum(${portraitPlays.plays})::int` })
		.from(portraitPlays)
		.where(and(...conditions))
		.groupBy(portraitPlays.portraitId);
	return new Map(rows.map((r) => [r.portraitId, Number(r.plays)]));
}

export async function linkScreening(db: Db, scope: TerritoryScope, activityId: number, portraitIds: readonly number[]) {
	if (portraitIds.length === 0) return;
	await db.insert(screeningPortraits).values(portraitIds.map((portraitId) => ({ territoryId: scope.territoryId, activityId, portraitId })));
}

/** How many screenings showed each portrait. */
export async function screeningsByPortrait(db: Db, scope: TerritoryScope) {
	const rows = await db
		.select({ portraitId: screeningPortraits.portraitId, screenings: sql<number>`count(*)::int` })
		.from(screeningPortraits)
		.where(eq(screeningPortraits.territoryId, scope.territoryId))
		.groupBy(screeningPortraits.portraitId);
	return new Map(rows.map((r) => [r.portraitId, Number(r.screenings)]));
}

export async function portraitsOfScreening(db: Db, scope: TerritoryScope, activityId: number) {
	return db
		.select({ id: portraits.id, title: portraits.title })
		.from(screeningPortraits)
		.innerJoin(portraits, eq(portraits.id, screeningPortraits.portraitId))
		.where(and(eq(screeningPortraits.territoryId, scope.territoryId), eq(screeningPortraits.activityId, activityId)));
}

export async function findPortraitsByIds(db: Db, scope: TerritoryScope, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.select()
		.from(portraits)
		.where(and(inScope(scope), inArray(portraits.id, [...ids])));
}

/** Published portraits of every territory (the scheduled job checks their consent). */
export async function listPublishedEverywhere(db: Db) {
	return db.select().from(portraits).where(isNotNull(portraits.publishedAt));
}

/** Portraits whose consent has an end (the job warns 30 days before). */
export async function listWithConsentEnd(db: Db) {
	return db
		.select()
		.from(portraits)
		.where(and(isNotNull(portraits.consentExpiresOn), sql`${portraits.consentWithdrawnAt} is null`));
}
