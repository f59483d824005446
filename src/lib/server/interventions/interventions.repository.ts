import { and, asc, desc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { territoryRoles, user } from '../accounts/accounts.table';
import { organisations } from '../organisations/organisations.table';
import { networks, roleModelProfiles } from '../role-models/role-models.table';
import type { Reach } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import { territories } from '../territories/territories.table';
import {
	actionLinks,
	interventionKinds,
	interventionNotices,
	interventionReports,
	interventionRequests,
	interventionSpeakers,
	requestRateLimits,
	requestTransitions
} from './interventions.table';

export type RequestRow = typeof interventionRequests.$inferSelect;
export type SpeakerRow = typeof interventionSpeakers.$inferSelect;
export type LinkRow = typeof actionLinks.$inferSelect;
export type ReportRow = typeof interventionReports.$inferSelect;

/** Requests a reach covers: 'all', or those whose network counts under one of the listed initiatives. */
export function requestReach(reach: Reach) {
	if (reach === 'all') return undefined;
	if (!reach.length) return sql`false`;
	return inArray(interventionRequests.networkId, sql`(select ${networks.id} from ${networks} where ${inArray(networks.initiativeId, [...reach])})`);
}

export async function listKinds(db: Db) {
	return db.select().from(interventionKinds).where(eq(interventionKinds.retired, false)).orderBy(asc(interventionKinds.position));
}

export async function findKind(db: Db, code: string) {
	const [row] = await db.select().from(interventionKinds).where(eq(interventionKinds.code, code));
	return row ?? null;
}

export async function listNetworks(db: Db, scope: TerritoryScope) {
	return db.select().from(networks).where(eq(networks.territoryId, scope.territoryId)).orderBy(asc(networks.position), asc(networks.name));
}

export async function findNetwork(db: Db, scope: TerritoryScope, id: number) {
	const [row] = await db
		.select()
		.from(networks)
		.where(and(eq(networks.territoryId, scope.territoryId), eq(networks.id, id)));
	return row ?? null;
}

/** The directory entry of a requester: by UAI first, else by the exact name (case-insensitive). */
export async function matchOrganisation(db: Db, scope: TerritoryScope, uai: string | null, name: string) {
	if (uai) {
		const [byUai] = await db
			.select({ id: organisations.id })
			.from(organisations)
			.where(and(eq(organisations.territoryId, scope.territoryId), eq(sql`upper(${organisations.uai})`, uai.toUpperCase().replace(/\s/g, ''))));
		if (byUai) return byUai.id;
	}
	const [byName] = await db
		.select({ id: organisations.id })
		.from(organisations)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(sql`lower(${organisations.name})`, name.trim().toLowerCase())));
	return byName?.id ?? null;
}

/**
 * Counts one submission of an IP (hashed) in the current window; false when the limit was already
 * reached (nothing counted then).
 */
export async function takeRateLimit(db: Db, ipHash: string, now: Date, max: number, windowMs: number): Promise<boolean> {
	const windowStartedAfter = new Date(now.getTime() - windowMs);
	const [row] = await db
		.insert(requestRateLimits)
		.values({ ipHash, windowStart: now, count: 1 })
		.onConflictDoUpdate({
			target: requestRateLimits.ipHash,
			set: {
				windowStart: sql`case when ${requestRateLimits.windowStart} <= ${windowStartedAfter.toISOString()} then ${now.toISOString()}::timestamptz else ${requestRateLimits.windowStart} end`,
				count: sql`case when ${requestRateLimits.windowStart} <= ${windowStartedAfter.toISOString()} then 1 else ${requestRateLimits.count} + 1 end`
			}
		})
		.returning({ count: requestRateLimits.count });
	return (row?.count ?? 1) <= max;
}

export async function insertRequest(db: Db, scope: TerritoryScope, values: Omit<typeof interventionRequests.$inferInsert, 'territoryId'>) {
	const [row] = await db
		.insert(interventionRequests)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function findRequest(db: Db, scope: TerritoryScope, reach: Reach, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(interventionRequests)
		.where(and(eq(interventionRequests.territoryId, scope.territoryId), eq(interventionRequests.id, id), requestReach(reach)));
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

/** A request by its private link: the link is the scope (its territory comes with it). */
export async function findRequestByFollowHash(db: Db, hash: string) {
	const [row] = await db.select().from(interventionRequests).where(eq(interventionRequests.followTokenHash, hash));
	return row ?? null;
}

export async function updateRequestRow(db: Db, scope: TerritoryScope, id: number, values: Partial<typeof interventionRequests.$inferInsert>) {
	const [row] = await db
		.update(interventionRequests)
		.set({ ...values, updatedAt: new Date() })
		.where(and(eq(interventionRequests.territoryId, scope.territoryId), eq(interventionRequests.id, id)))
		.returning();
	return row!;
}

export async function insertTransition(db: Db, scope: TerritoryScope, values: Omit<typeof requestTransitions.$inferInsert, 'territoryId'>) {
	await db.insert(requestTransitions).values({ ...values, territoryId: scope.territoryId });
}

export async function listTransitions(db: Db, scope: TerritoryScope, requestId: number) {
	return db
		.select()
		.from(requestTransitions)
		.where(and(eq(requestTransitions.territoryId, scope.territoryId), eq(requestTransitions.requestId, requestId)))
		.orderBy(asc(requestTransitions.createdAt), asc(requestTransitions.id));
}

/** The speakers of a request with their names and addresses. */
export async function listSpeakers(db: Db, scope: TerritoryScope, requestId: number) {
	return db
		.select({
			id: interventionSpeakers.id,
			profileId: interventionSpeakers.profileId,
			status: interventionSpeakers.status,
			answeredAt: interventionSpeakers.answeredAt,
			createdAt: interventionSpeakers.createdAt,
			firstName: roleModelProfiles.firstName,
			lastName: roleModelProfiles.lastName,
			email: roleModelProfiles.email
		})
		.from(interventionSpeakers)
		.innerJoin(roleModelProfiles, eq(roleModelProfiles.id, interventionSpeakers.profileId))
		.where(and(eq(interventionSpeakers.territoryId, scope.territoryId), eq(interventionSpeakers.requestId, requestId)))
		.orderBy(asc(interventionSpeakers.createdAt), asc(interventionSpeakers.id));
}
export type SpeakerView = Awaited<ReturnType<typeof listSpeakers>>[number];

export async function listProfiles(db: Db, scope: TerritoryScope, ids: number[]) {
	if (!ids.length) return [];
	return db
		.select()
		.from(roleModelProfiles)
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), inArray(roleModelProfiles.id, ids), eq(roleModelProfiles.active, true)));
}

export async function findProfileOfUser(db: Db, scope: TerritoryScope, userId: string) {
	const [row] = await db
		.select()
		.from(roleModelProfiles)
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), eq(roleModelProfiles.userId, userId)));
	return row ?? null;
}

/** Proposes (again) to a role model: a declined or withdrawn one is asked anew. */
export async function upsertProposedSpeaker(db: Db, scope: TerritoryScope, requestId: number, profileId: number) {
	await db
		.insert(interventionSpeakers)
		.values({ territoryId: scope.territoryId, requestId, profileId, status: 'proposed' })
		.onConflictDoUpdate({
			target: [interventionSpeakers.requestId, interventionSpeakers.profileId],
			set: { status: 'proposed', answeredAt: null }
		});
}

export async function setSpeakerStatus(db: Db, scope: TerritoryScope, requestId: number, profileId: number, status: string, at: Date) {
	await db
		.update(interventionSpeakers)
		.set({ status, answeredAt: at })
		.where(
			and(eq(interventionSpeakers.territoryId, scope.territoryId), eq(interventionSpeakers.requestId, requestId), eq(interventionSpeakers.profileId, profileId))
		);
}

export async function insertLink(db: Db, scope: TerritoryScope, values: Omit<typeof actionLinks.$inferInsert, 'territoryId'>) {
	await db.insert(actionLinks).values({ ...values, territoryId: scope.territoryId });
}

/** A signed link by its hash: the link is the scope. */
export async function findLinkByHash(db: Db, hash: string, options: { forUpdate?: boolean } = {}) {
	const query = db.select().from(actionLinks).where(eq(actionLinks.tokenHash, hash));
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

export async function markLinkUsed(db: Db, id: number, at: Date) {
	await db.update(actionLinks).set({ usedAt: at }).where(eq(actionLinks.id, id));
}

/** Open answer links of a profile for a request (her answer from her account closes them too). */
export async function closeAnswerLinks(db: Db, scope: TerritoryScope, requestId: number, profileId: number, at: Date) {
	await db
		.update(actionLinks)
		.set({ usedAt: at })
		.where(
			and(
				eq(actionLinks.territoryId, scope.territoryId),
				eq(actionLinks.requestId, requestId),
				eq(actionLinks.profileId, profileId),
				eq(actionLinks.purpose, 'answer'),
				isNull(actionLinks.usedAt)
			)
		);
}

export async function insertReport(db: Db, scope: TerritoryScope, values: Omit<typeof interventionReports.$inferInsert, 'territoryId'>) {
	const [row] = await db
		.insert(interventionReports)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function listReports(db: Db, scope: TerritoryScope, requestId: number) {
	return db
		.select()
		.from(interventionReports)
		.where(and(eq(interventionReports.territoryId, scope.territoryId), eq(interventionReports.requestId, requestId)))
		.orderBy(asc(interventionReports.createdAt), asc(interventionReports.id));
}

/** Records that a scheduled message was sent; false when it already was (never twice). */
export async function claimNotice(db: Db, scope: TerritoryScope, requestId: number, kind: string): Promise<boolean> {
	const rows = await db
		.insert(interventionNotices)
		.values({ territoryId: scope.territoryId, requestId, kind })
		.onConflictDoNothing()
		.returning({ kind: interventionNotices.kind });
	return rows.length > 0;
}

export async function listNoticeKinds(db: Db, scope: TerritoryScope, requestIds: number[], kind: string) {
	if (!requestIds.length) return new Set<number>();
	const rows = await db
		.select({ requestId: interventionNotices.requestId })
		.from(interventionNotices)
		.where(and(eq(interventionNotices.territoryId, scope.territoryId), inArray(interventionNotices.requestId, requestIds), eq(interventionNotices.kind, kind)));
	return new Set(rows.map((r) => r.requestId));
}

/** The addresses of the territory's coordinators (active accounts). */
export async function coordinatorEmails(db: Db, scope: TerritoryScope): Promise<string[]> {
	const rows = await db
		.select({ email: user.email })
		.from(territoryRoles)
		.innerJoin(user, eq(user.id, territoryRoles.userId))
		.where(and(eq(territoryRoles.territoryId, scope.territoryId), eq(territoryRoles.role, 'coordinator'), isNull(user.deactivatedAt)));
	return [...new Set(rows.map((r) => r.email))];
}

/** The board: the requests the reach covers, newest state change last within each state. */
export async function listRequests(db: Db, scope: TerritoryScope, reach: Reach) {
	return db
		.select()
		.from(interventionRequests)
		.where(and(eq(interventionRequests.territoryId, scope.territoryId), requestReach(reach)))
		.orderBy(asc(interventionRequests.stateChangedAt), asc(interventionRequests.id));
}

/** A role model's requests: those she was proposed or took a place on. */
export async function listRequestsOfProfile(db: Db, scope: TerritoryScope, profileId: number) {
	return db
		.select({ request: interventionRequests, speakerStatus: interventionSpeakers.status })
		.from(interventionSpeakers)
		.innerJoin(interventionRequests, eq(interventionRequests.id, interventionSpeakers.requestId))
		.where(and(eq(interventionSpeakers.territoryId, scope.territoryId), eq(interventionSpeakers.profileId, profileId)))
		.orderBy(desc(interventionRequests.startsAt));
}

/** Every territory's requests in the given states (the scheduled jobs work across territories). */
export async function listRequestsInStates(db: Db, states: string[]) {
	return db
		.select()
		.from(interventionRequests)
		.innerJoin(territories, eq(territories.id, interventionRequests.territoryId))
		.where(and(inArray(interventionRequests.state, states), isNull(territories.archivedAt)))
		.orderBy(asc(interventionRequests.id))
		.then((rows) => rows.map((r) => r.intervention_requests));
}

const RETENTION_DAYS = 365;

/**
 * Retention (register of personal data, `mixite retention`): the contact's e-mail and phone of
 * requests ended (reported, declined, cancelled, expired) more than 12 months ago are erased.
 */
export function endedRequestContactsErasure(now: Date): SQL {
	const before = new Date(now.getTime() - RETENTION_DAYS * 86_400_000).toISOString();
	return sql`update intervention_requests set contact_email = null, contact_phone = null, personal_data_erased_at = ${now.toISOString()}
		where state in ('reported', 'declined', 'cancelled', 'expired') and state_changed_at < ${before} and personal_data_erased_at is null`;
}

/** Rate-limit counters of the public form (hashed IPs): kept one day. */
export function staleRateLimitsErasure(now: Date): SQL {
	return sql`delete from request_rate_limits where window_start < ${new Date(now.getTime() - 86_400_000).toISOString()}`;
}

export async function eraseEndedContacts(db: Db, now: Date): Promise<number> {
	const result = (await db.execute(endedRequestContactsErasure(now))) as unknown as { rowCount?: number; affectedRows?: number };
	return Number(result.rowCount ?? result.affectedRows ?? 0);
}

/* ------------------------------------------------------------------ open interventions (volunteers take places) */

/** Requests open to volunteers, in the given states, starting after `after`: soonest first. */
export async function listOpenRequests(db: Db, scope: TerritoryScope, states: readonly string[], after: Date) {
	return db
		.select()
		.from(interventionRequests)
		.where(
			and(
				eq(interventionRequests.territoryId, scope.territoryId),
				eq(interventionRequests.openToVolunteers, true),
				inArray(interventionRequests.state, [...states]),
				gt(interventionRequests.startsAt, after)
			)
		)
		.orderBy(asc(interventionRequests.startsAt), asc(interventionRequests.id));
}

/** How many speakers hold each status, per request: places taken (accepted) and waiting lists. */
export async function countSpeakersByStatus(db: Db, scope: TerritoryScope, requestIds: number[]) {
	if (!requestIds.length) return [];
	return db
		.select({ requestId: interventionSpeakers.requestId, status: interventionSpeakers.status, count: sql<number>`count(*)::int` })
		.from(interventionSpeakers)
		.where(and(eq(interventionSpeakers.territoryId, scope.territoryId), inArray(interventionSpeakers.requestId, requestIds)))
		.groupBy(interventionSpeakers.requestId, interventionSpeakers.status);
}

/** A volunteer takes a place (or joins the waiting list): a new speaker row, or her earlier one (proposed, declined, withdrawn) updated. */
export async function upsertSpeakerStatus(db: Db, scope: TerritoryScope, requestId: number, profileId: number, status: string, at: Date) {
	await db
		.insert(interventionSpeakers)
		.values({ territoryId: scope.territoryId, requestId, profileId, status, answeredAt: at })
		.onConflictDoUpdate({
			target: [interventionSpeakers.requestId, interventionSpeakers.profileId],
			set: { status, answeredAt: at }
		});
}
