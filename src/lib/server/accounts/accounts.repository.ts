import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../audit/audit.table';
import { erasureRequests, invitations, platformRoles, session, setupLinks, territoryRoles, twoFactor, user } from './accounts.table';
import type { Principal } from './permissions';

export async function countUsers(db: Db): Promise<number> {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(user);
	return Number(row?.n ?? 0);
}

export async function findUserByEmail(db: Db, email: string) {
	const [row] = await db.select().from(user).where(eq(user.email, email.toLowerCase())).limit(1);
	return row ?? null;
}

export async function findUserById(db: Db, id: string) {
	const [row] = await db.select().from(user).where(eq(user.id, id)).limit(1);
	return row ?? null;
}

export async function listRoles(db: Db, userId: string) {
	return db.select().from(territoryRoles).where(eq(territoryRoles.userId, userId));
}

export async function insertRole(db: Db, values: { userId: string; territoryId: number; role: string; organisationId?: number | null }) {
	await db.insert(territoryRoles).values(values).onConflictDoNothing();
}

export async function insertPlatformRole(db: Db, userId: string, role: 'admin') {
	await db.insert(platformRoles).values({ userId, role }).onConflictDoNothing();
}

export async function markEmailVerified(db: Db, userId: string) {
	await db.update(user).set({ emailVerified: true }).where(eq(user.id, userId));
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

export async function insertInvitation(
	db: Db,
	values: { territoryId: number; email: string; role: string; organisationId: number | null; tokenHash: string; invitedBy: string; expiresAt: Date }
) {
	const [row] = await db.insert(invitations).values(values).returning();
	return row!;
}

const usableInvitation = (tokenHash: string, now: Date) =>
	and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

export async function findUsableInvitation(db: Db, tokenHash: string, now: Date) {
	const [row] = await db.select().from(invitations).where(usableInvitation(tokenHash, now)).limit(1);
	return row ?? null;
}

export async function consumeInvitation(db: Db, tokenHash: string, now: Date) {
	const [row] = await db.update(invitations).set({ acceptedAt: now }).where(usableInvitation(tokenHash, now)).returning();
	return row ?? null;
}

export async function listPendingInvitations(db: Db, territoryId: number, now: Date) {
	return db
		.select({
			id: invitations.id,
			email: invitations.email,
			role: invitations.role,
			organisationId: invitations.organisationId,
			expiresAt: invitations.expiresAt
		})
		.from(invitations)
		.where(and(eq(invitations.territoryId, territoryId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
		.orderBy(asc(invitations.createdAt));
}

/** The territory's members with their roles. */
export async function listMembers(db: Db, territoryId: number) {
	return db
		.select({
			userId: user.id,
			name: user.name,
			email: user.email,
			deactivatedAt: user.deactivatedAt,
			twoFactorEnabled: user.twoFactorEnabled,
			role: territoryRoles.role,
			organisationId: territoryRoles.organisationId
		})
		.from(territoryRoles)
		.innerJoin(user, eq(user.id, territoryRoles.userId))
		.where(eq(territoryRoles.territoryId, territoryId))
		.orderBy(asc(user.name));
}

/** Deactivates an active account and deletes its sessions server-side; false when there is none to deactivate. */
export async function deactivate(db: Db, userId: string, now: Date): Promise<boolean> {
	const rows = await db
		.update(user)
		.set({ deactivatedAt: now })
		.where(and(eq(user.id, userId), isNull(user.deactivatedAt)))
		.returning({ id: user.id });
	if (rows.length === 0) return false;
	await db.delete(session).where(eq(session.userId, userId));
	return true;
}

/** Removes every role a person holds in one territory; returns what was removed. */
export async function deleteRoles(db: Db, userId: string, territoryId: number) {
	return db
		.delete(territoryRoles)
		.where(and(eq(territoryRoles.userId, userId), eq(territoryRoles.territoryId, territoryId)))
		.returning();
}

/** Roles of a signed-in user, or null when the account is deactivated. */
export async function loadPrincipal(db: Db, userId: string): Promise<Principal | null> {
	const [account] = await db.select({ deactivatedAt: user.deactivatedAt }).from(user).where(eq(user.id, userId)).limit(1);
	if (!account || account.deactivatedAt) return null;
	const [roles, platform] = await Promise.all([
		db.select().from(territoryRoles).where(eq(territoryRoles.userId, userId)),
		db.select().from(platformRoles).where(eq(platformRoles.userId, userId))
	]);
	return {
		userId,
		platformAdmin: platform.some((p) => p.role === 'admin'),
		roles: roles.map((r) => ({ territoryId: r.territoryId, role: r.role, organisationId: r.organisationId }))
	};
}

/** Personal data held about one person: account, roles, sessions, and what she did (audit). */
export async function personalData(db: Db, userId: string) {
	const [account] = await db
		.select({
			id: user.id,
			name: user.name,
			email: user.email,
			emailVerified: user.emailVerified,
			createdAt: user.createdAt,
			twoFactorEnabled: user.twoFactorEnabled
		})
		.from(user)
		.where(eq(user.id, userId));
	const [roles, sessions, actions, erasure] = await Promise.all([
		db.select().from(territoryRoles).where(eq(territoryRoles.userId, userId)),
		db
			.select({ createdAt: session.createdAt, expiresAt: session.expiresAt, ipAddress: session.ipAddress, userAgent: session.userAgent })
			.from(session)
			.where(eq(session.userId, userId)),
		db
			.select({ at: auditEvents.createdAt, action: auditEvents.action, entityType: auditEvents.entityType, entityId: auditEvents.entityId, ip: auditEvents.ip })
			.from(auditEvents)
			.where(eq(auditEvents.actorUserId, userId)),
		db.select().from(erasureRequests).where(eq(erasureRequests.userId, userId))
	]);
	return { account, roles, sessions, actions, erasureRequests: erasure };
}

export async function insertErasureRequest(db: Db, userId: string) {
	await db.insert(erasureRequests).values({ userId });
}

export async function deleteSession(db: Db, sessionId: string) {
	await db.delete(session).where(eq(session.id, sessionId));
}

export async function touchSession(db: Db, sessionId: string, now: Date) {
	await db.update(session).set({ updatedAt: now }).where(eq(session.id, sessionId));
}

/** A person's two-step verification row (secret and backup codes encrypted by better-auth). */
export async function findTwoFactor(db: Db, userId: string) {
	const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, userId)).limit(1);
	return row ?? null;
}

/**
 * Records a TOTP time-step as used, atomically: true only for a step later than every step
 * accepted before, so that one code works once even when sent twice at the same time.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
	const rows = await db
		.update(twoFactor)
		.set({ lastTotpStep: step })
		.where(and(eq(twoFactor.userId, userId), or(isNull(twoFactor.lastTotpStep), lt(twoFactor.lastTotpStep, step))))
		.returning({ id: twoFactor.id });
	return rows.length > 0;
}

export async function deleteSessionByToken(db: Db, token: string) {
	await db.delete(session).where(eq(session.token, token));
}
