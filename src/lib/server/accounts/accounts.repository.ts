import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { setupLinks, territoryRoles, user } from './accounts.table';

export async function countUsers(db: Db): Promise<number> {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(user);
	return Number(row?.n ?? 0);
}

export async function findUserByEmail(db: Db, email: string) {
	const [row] = await db.select().from(user).where(eq(user.email, email.toLowerCase())).limit(1);
	return row ?? null;
}

export async function listRoles(db: Db, userId: string) {
	return db.select().from(territoryRoles).where(eq(territoryRoles.userId, userId));
}

export async function insertRole(db: Db, values: { userId: string; territoryId: number; role: string }) {
	await db.insert(territoryRoles).values(values).onConflictDoNothing();
}

export async function insertSetupLink(db: Db, values: { tokenHash: string; territoryId: number; role: string; expiresAt: Date }) {
	await db.insert(setupLinks).values(values);
}

/** Marks a valid link used and returns it, atomically: a link works once. */
export async function consumeSetupLink(db: Db, tokenHash: string, now: Date) {
	const [row] = await db
		.update(setupLinks)
		.set({ usedAt: now })
		.where(and(eq(setupLinks.tokenHash, tokenHash), isNull(setupLinks.usedAt), gt(setupLinks.expiresAt, now)))
		.returning();
	return row ?? null;
}

export async function findUsableSetupLink(db: Db, tokenHash: string, now: Date) {
	const [row] = await db
		.select()
		.from(setupLinks)
		.where(and(eq(setupLinks.tokenHash, tokenHash), isNull(setupLinks.usedAt), gt(setupLinks.expiresAt, now)))
		.limit(1);
	return row ?? null;
}
