import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { roleModelNetworks, roleModelProfiles } from './role-models.table';

/** What matching needs to know of a request. */
export interface MatchRequest {
	networkId: number | null;
	startsAt: Date | null;
	endsAt: Date | null;
	wishedFrom: string;
	wishedTo: string;
	audience: string;
	level: string;
	communeCode: string;
}

/** One reason of a rank, as a message-catalogue key and its parameters. */
export interface MatchReason {
	key: string;
	params?: Record<string, string | number>;
}

export interface RankedRoleModel {
	profileId: number;
	firstName: string;
	lastName: string;
	email: string;
	score: number;
	reasons: MatchReason[];
}

/**
 * The territory's active role models ranked for a request, best first, each with its reasons.
 * Placeholder until the role-models domain lands its full ranking (network, availability,
 * preferences, proximity, load): network membership only.
 */
export async function rankRoleModels(db: Db, scope: TerritoryScope, request: MatchRequest): Promise<RankedRoleModel[]> {
	const profiles = await db
		.select()
		.from(roleModelProfiles)
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), eq(roleModelProfiles.active, true)))
		.orderBy(asc(roleModelProfiles.lastName));
	const members = request.networkId
		? await db
				.select({ profileId: roleModelNetworks.profileId })
				.from(roleModelNetworks)
				.where(
					and(
						eq(roleModelNetworks.territoryId, scope.territoryId),
						eq(roleModelNetworks.networkId, request.networkId),
						inArray(
							roleModelNetworks.profileId,
							profiles.map((p) => p.id)
						)
					)
				)
		: [];
	const inNetwork = new Set(members.map((m) => m.profileId));
	return profiles
		.map((p) => ({
			profileId: p.id,
			firstName: p.firstName,
			lastName: p.lastName,
			email: p.email,
			score: inNetwork.has(p.id) ? 1 : 0,
			reasons: inNetwork.has(p.id) ? [{ key: 'matching.reason.network' }] : []
		}))
		.sort((a, b) => b.score - a.score);
}
