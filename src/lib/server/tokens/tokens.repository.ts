import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import { reachCondition, type Reach } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import { apiTokens } from './tokens.table';

export type TokenRow = typeof apiTokens.$inferSelect;

/** What lists show: never the hash. */
const listed = {
	id: apiTokens.id,
	name: apiTokens.name,
	prefix: apiTokens.prefix,
	organisationId: apiTokens.organisationId,
	organisationName: organisations.name,
	role: apiTokens.role,
	readOnly: apiTokens.readOnly,
	createdAt: apiTokens.createdAt,
	lastUsedAt: apiTokens.lastUsedAt,
	revokedAt: apiTokens.revokedAt
};

export async function listTokens(db: Db, scope: TerritoryScope, reach: Reach) {
	return db
		.select(listed)
		.from(apiTokens)
		.innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
		.where(and(eq(apiTokens.territoryId, scope.territoryId), reachCondition(apiTokens.organisationId, reach)))
		.orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function findToken(db: Db, scope: TerritoryScope, id: number, reach: Reach, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(apiTokens)
		.where(and(eq(apiTokens.territoryId, scope.territoryId), eq(apiTokens.id, id), reachCondition(apiTokens.organisationId, reach)))
		.limit(1);
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

export async function insertToken(db: Db, scope: TerritoryScope, values: Omit<typeof apiTokens.$inferInsert, 'territoryId' | 'id'>) {
	const [row] = await db
		.insert(apiTokens)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function revokeTokenRow(db: Db, scope: TerritoryScope, id: number, at: Date) {
	const [row] = await db
		.update(apiTokens)
		.set({ revokedAt: at })
		.where(and(eq(apiTokens.territoryId, scope.territoryId), eq(apiTokens.id, id)))
		.returning();
	return row!;
}

/**
 * The one read without a territory scope: a request presents a token before anything says which
 * territory it belongs to, and the caller compares the territory right after.
 */
export async function findTokenByHash(db: Db, tokenHash: string) {
	const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1);
	return row ?? null;
}

/** Records a use, at most once a minute per token, so that busy tools do not write on every request. */
export async function touchToken(db: Db, scope: TerritoryScope, id: number, now: Date) {
	const aMinuteAgo = new Date(now.getTime() - 60_000);
	await db
		.update(apiTokens)
		.set({ lastUsedAt: now })
		.where(and(eq(apiTokens.territoryId, scope.territoryId), eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, aMinuteAgo))));
}
