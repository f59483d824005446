import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { apiIdempotencyKeys } from './idempotency.table';
import { rowsOf } from '../db/rows';

export type StoredAnswer = typeof apiIdempotencyKeys.$inferSelect;

/**
 * Holds the key for the rest of the transaction without waiting: false when another request
 * with the same key is being carried out right now. A hash collision only costs a spurious 409.
 */
export async function tryLockKey(db: Db, scope: TerritoryScope, caller: string, key: string): Promise<boolean> {
	const result = await db.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${`idempotency:${scope.territoryId}:${caller}:${key}`}, 0)) as locked`);
	return Boolean(rowsOf<{ locked: boolean }>(result)[0]?.locked);
}

export async function findKey(db: Db, scope: TerritoryScope, caller: string, key: string): Promise<StoredAnswer | undefined> {
	const [row] = await db
		.select()
		.from(apiIdempotencyKeys)
		.where(and(eq(apiIdempotencyKeys.territoryId, scope.territoryId), eq(apiIdempotencyKeys.caller, caller), eq(apiIdempotencyKeys.key, key)));
	return row;
}

export async function insertKey(db: Db, scope: TerritoryScope, row: Omit<StoredAnswer, 'territoryId' | 'createdAt'>): Promise<void> {
	await db.insert(apiIdempotencyKeys).values({ ...row, territoryId: scope.territoryId });
}

/** Keys older than `before` have expired: a retry after that is a new request. */
export async function deleteExpiredKeys(db: Db, scope: TerritoryScope, before: Date): Promise<void> {
	await db.delete(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.territoryId, scope.territoryId), lt(apiIdempotencyKeys.createdAt, before)));
}
