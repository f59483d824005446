import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { interventionKinds, interventionRequests, interventionSpeakers } from '../interventions/interventions.table';
import type { TerritoryScope } from '../shared/scope';
import { communes } from '../territories/territories.table';
import { calendarFeeds } from './calendar.table';

export type FeedKind = 'role_model' | 'coordinator';

/** Whose feed: a role model's profile, or a coordinator's account. */
export type FeedOwner = { kind: 'role_model'; profileId: number } | { kind: 'coordinator'; userId: string };

const ownerCondition = (scope: TerritoryScope, owner: FeedOwner) =>
	and(
		eq(calendarFeeds.territoryId, scope.territoryId),
		eq(calendarFeeds.kind, owner.kind),
		owner.kind === 'role_model' ? eq(calendarFeeds.profileId, owner.profileId) : eq(calendarFeeds.userId, owner.userId)
	);

export async function findActiveFeed(db: Db, scope: TerritoryScope, owner: FeedOwner) {
	const [row] = await db
		.select()
		.from(calendarFeeds)
		.where(and(ownerCondition(scope, owner), isNull(calendarFeeds.revokedAt)))
		.limit(1);
	return row ?? null;
}

/** Revokes the owner's active feeds; returns the ids revoked. */
export async function revokeFeeds(db: Db, scope: TerritoryScope, owner: FeedOwner, now: Date) {
	const rows = await db
		.update(calendarFeeds)
		.set({ revokedAt: now })
		.where(and(ownerCondition(scope, owner), isNull(calendarFeeds.revokedAt)))
		.returning({ id: calendarFeeds.id });
	return rows.map((r) => r.id);
}

export async function insertFeed(db: Db, scope: TerritoryScope, owner: FeedOwner, tokenHash: string) {
	const [row] = await db
		.insert(calendarFeeds)
		.values({
			territoryId: scope.territoryId,
			kind: owner.kind,
			profileId: owner.kind === 'role_model' ? owner.profileId : null,
			userId: owner.kind === 'coordinator' ? owner.userId : null,
			tokenHash
		})
		.returning();
	return row!;
}

/** A feed by its secret's hash, only while it is not revoked. */
export async function findFeedByHash(db: Db, tokenHash: string) {
	const [row] = await db
		.select()
		.from(calendarFeeds)
		.where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
		.limit(1);
	return row ?? null;
}

const eventColumns = {
	id: interventionRequests.id,
	state: interventionRequests.state,
	startsAt: interventionRequests.startsAt,
	endsAt: interventionRequests.endsAt,
	icalSequence: interventionRequests.icalSequence,
	organisationName: interventionRequests.organisationName,
	location: interventionRequests.location,
	audience: interventionRequests.audience,
	level: interventionRequests.level,
	expectedSize: interventionRequests.expectedSize,
	kindLabelFr: interventionKinds.labelFr,
	communeName: communes.name
};

/** Interventions of the territory in the given states that have a date, oldest first. */
export async function listDatedInterventions(db: Db, scope: TerritoryScope, states: readonly string[], profileId?: number) {
	const base = db
		.select(eventColumns)
		.from(interventionRequests)
		.innerJoin(interventionKinds, eq(interventionKinds.code, interventionRequests.kindCode))
		.leftJoin(communes, and(eq(communes.territoryId, interventionRequests.territoryId), eq(communes.codeInsee, interventionRequests.communeCode)));
	const where = and(
		eq(interventionRequests.territoryId, scope.territoryId),
		inArray(interventionRequests.state, [...states]),
		isNotNull(interventionRequests.startsAt),
		isNotNull(interventionRequests.endsAt)
	);
	if (profileId === undefined) return base.where(where).orderBy(asc(interventionRequests.startsAt));
	return base
		.innerJoin(
			interventionSpeakers,
			and(
				eq(interventionSpeakers.requestId, interventionRequests.id),
				eq(interventionSpeakers.profileId, profileId),
				eq(interventionSpeakers.territoryId, scope.territoryId),
				eq(interventionSpeakers.status, 'accepted')
			)
		)
		.where(where)
		.orderBy(asc(interventionRequests.startsAt));
}
