import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invitations } from '../accounts/accounts.table';
import { reachCondition, type Reach } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import { networks, roleModelAvailability, roleModelNetworks, roleModelProfiles } from './role-models.table';

type ProfileInsert = Omit<typeof roleModelProfiles.$inferInsert, 'territoryId' | 'id' | 'createdAt' | 'updatedAt'>;

/** The territory's networks, in their order. */
export async function listNetworks(db: Db, scope: TerritoryScope) {
	return db.select().from(networks).where(eq(networks.territoryId, scope.territoryId)).orderBy(asc(networks.position), asc(networks.name));
}

export async function findNetworkByName(db: Db, scope: TerritoryScope, name: string) {
	const [row] = await db
		.select()
		.from(networks)
		.where(and(eq(networks.territoryId, scope.territoryId), sql`lower(${networks.name}) = lower(${name})`))
		.limit(1);
	return row ?? null;
}

export async function insertNetwork(db: Db, scope: TerritoryScope, values: { name: string; initiativeId: number | null; position: number }) {
	const [row] = await db
		.insert(networks)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

/** Profiles within the reach (ids), optionally of one network, active ones first by name. */
export async function listProfiles(db: Db, scope: TerritoryScope, reach: Reach, filters: { networkId?: number } = {}) {
	return db
		.select()
		.from(roleModelProfiles)
		.where(
			and(
				eq(roleModelProfiles.territoryId, scope.territoryId),
				reachCondition(roleModelProfiles.id, reach),
				filters.networkId
					? inArray(
							roleModelProfiles.id,
							db
								.select({ id: roleModelNetworks.profileId })
								.from(roleModelNetworks)
								.where(and(eq(roleModelNetworks.territoryId, scope.territoryId), eq(roleModelNetworks.networkId, filters.networkId)))
						)
					: undefined
			)
		)
		.orderBy(asc(roleModelProfiles.lastName), asc(roleModelProfiles.firstName));
}

export async function findProfileInReach(db: Db, scope: TerritoryScope, reach: Reach, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(roleModelProfiles)
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), eq(roleModelProfiles.id, id), reachCondition(roleModelProfiles.id, reach)))
		.limit(1);
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

/** The profile linked to an account in the territory. */
export async function findProfileOfUser(db: Db, scope: TerritoryScope, userId: string) {
	const [row] = await db
		.select()
		.from(roleModelProfiles)
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), eq(roleModelProfiles.userId, userId)))
		.limit(1);
	return row ?? null;
}

/** A profile created for this address and not yet linked to an account (an invited woman's). */
export async function findUnlinkedProfileByEmail(db: Db, scope: TerritoryScope, email: string) {
	const [row] = await db
		.select()
		.from(roleModelProfiles)
		.where(
			and(eq(roleModelProfiles.territoryId, scope.territoryId), isNull(roleModelProfiles.userId), sql`lower(${roleModelProfiles.email}) = lower(${email})`)
		)
		.orderBy(asc(roleModelProfiles.id))
		.limit(1)
		.for('update');
	return row ?? null;
}

export async function findProfileByEmail(db: Db, scope: TerritoryScope, email: string) {
	const [row] = await db
		.select()
		.from(roleModelProfiles)
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), sql`lower(${roleModelProfiles.email}) = lower(${email})`))
		.limit(1);
	return row ?? null;
}

export async function insertProfile(db: Db, scope: TerritoryScope, values: ProfileInsert) {
	const [row] = await db
		.insert(roleModelProfiles)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updateProfileRow(db: Db, scope: TerritoryScope, id: number, values: Partial<ProfileInsert>) {
	const [row] = await db
		.update(roleModelProfiles)
		.set({ ...values, updatedAt: new Date() })
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), eq(roleModelProfiles.id, id)))
		.returning();
	return row!;
}

/** Network ids per profile, for the given profiles. */
export async function listMemberships(db: Db, scope: TerritoryScope, profileIds: readonly number[]) {
	if (profileIds.length === 0) return [];
	return db
		.select()
		.from(roleModelNetworks)
		.where(and(eq(roleModelNetworks.territoryId, scope.territoryId), inArray(roleModelNetworks.profileId, [...profileIds])));
}

export async function replaceMemberships(db: Db, scope: TerritoryScope, profileId: number, networkIds: readonly number[]) {
	await db.delete(roleModelNetworks).where(and(eq(roleModelNetworks.territoryId, scope.territoryId), eq(roleModelNetworks.profileId, profileId)));
	if (networkIds.length) {
		await db.insert(roleModelNetworks).values(networkIds.map((networkId) => ({ territoryId: scope.territoryId, profileId, networkId })));
	}
}

export async function listAvailability(db: Db, scope: TerritoryScope, profileIds: readonly number[]) {
	if (profileIds.length === 0) return [];
	return db
		.select()
		.from(roleModelAvailability)
		.where(and(eq(roleModelAvailability.territoryId, scope.territoryId), inArray(roleModelAvailability.profileId, [...profileIds])))
		.orderBy(
			asc(roleModelAvailability.kind),
			asc(roleModelAvailability.weekday),
			asc(roleModelAvailability.onDate),
			asc(roleModelAvailability.fromDate),
			asc(roleModelAvailability.id)
		);
}

export async function insertAvailability(db: Db, scope: TerritoryScope, values: Omit<typeof roleModelAvailability.$inferInsert, 'territoryId' | 'id'>) {
	const [row] = await db
		.insert(roleModelAvailability)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function deleteAvailability(db: Db, scope: TerritoryScope, profileId: number, id: number) {
	const [row] = await db
		.delete(roleModelAvailability)
		.where(and(eq(roleModelAvailability.territoryId, scope.territoryId), eq(roleModelAvailability.profileId, profileId), eq(roleModelAvailability.id, id)))
		.returning();
	return row ?? null;
}

/** When each address was last invited to the role `role_model` (pending invitations only), by lower-cased address. */
export async function lastRoleModelInvitations(db: Db, scope: TerritoryScope, emails: string[], now: Date): Promise<Map<string, Date>> {
	if (emails.length === 0) return new Map();
	const rows = await db
		.select({ email: sql<string>`lower(${invitations.email})`, at: sql<Date>`max(${invitations.createdAt})` })
		.from(invitations)
		.where(
			and(
				eq(invitations.territoryId, scope.territoryId),
				eq(invitations.role, 'role_model'),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, now),
				inArray(
					sql`lower(${invitations.email})`,
					emails.map((e) => e.toLowerCase())
				)
			)
		)
		.groupBy(sql`lower(${invitations.email})`);
	return new Map(rows.map((r) => [r.email, new Date(r.at)]));
}
