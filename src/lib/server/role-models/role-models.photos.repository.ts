import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import type { TerritoryScope } from '../shared/scope';
import { networks, roleModelNetworks, roleModelPhotos, roleModelProfiles } from './role-models.table';

export type PhotoRow = typeof roleModelPhotos.$inferSelect;

/** A profile's photo (without its bytes unless asked). */
export async function findPhotoMeta(db: Db, scope: TerritoryScope, profileId: number) {
	const [row] = await db
		.select({
			profileId: roleModelPhotos.profileId,
			contentType: roleModelPhotos.contentType,
			size: roleModelPhotos.size,
			uploadedAt: roleModelPhotos.uploadedAt
		})
		.from(roleModelPhotos)
		.where(and(eq(roleModelPhotos.territoryId, scope.territoryId), eq(roleModelPhotos.profileId, profileId)));
	return row ?? null;
}

export async function findPhoto(db: Db, scope: TerritoryScope, profileId: number) {
	const [row] = await db
		.select()
		.from(roleModelPhotos)
		.where(and(eq(roleModelPhotos.territoryId, scope.territoryId), eq(roleModelPhotos.profileId, profileId)));
	return row ?? null;
}

/** One photo per profile: a new one replaces the previous. */
export async function savePhoto(
	db: Db,
	scope: TerritoryScope,
	profileId: number,
	photo: { contentType: string; size: number; content: Buffer; uploadedAt: Date }
) {
	await db
		.insert(roleModelPhotos)
		.values({ profileId, territoryId: scope.territoryId, ...photo })
		.onConflictDoUpdate({ target: roleModelPhotos.profileId, set: photo });
}

export async function deletePhoto(db: Db, scope: TerritoryScope, profileId: number): Promise<boolean> {
	const rows = await db
		.delete(roleModelPhotos)
		.where(and(eq(roleModelPhotos.territoryId, scope.territoryId), eq(roleModelPhotos.profileId, profileId)))
		.returning({ id: roleModelPhotos.profileId });
	return rows.length > 0;
}

/** Active profiles whose public consent holds today (given, not withdrawn). */
const consented = (scope: TerritoryScope) =>
	and(
		eq(roleModelProfiles.territoryId, scope.territoryId),
		eq(roleModelProfiles.active, true),
		isNotNull(roleModelProfiles.publicConsentAt),
		isNull(roleModelProfiles.publicConsentWithdrawnAt)
	);

const publicColumns = {
	id: roleModelProfiles.id,
	firstName: roleModelProfiles.firstName,
	lastName: roleModelProfiles.lastName,
	job: roleModelProfiles.job,
	sector: roleModelProfiles.sector,
	trainingPath: roleModelProfiles.trainingPath,
	firm: organisations.name,
	photoUploadedAt: roleModelPhotos.uploadedAt
};

/** The public profiles: what she agreed to show, never her address. */
export async function listConsentedProfiles(db: Db, scope: TerritoryScope) {
	return db
		.select(publicColumns)
		.from(roleModelProfiles)
		.leftJoin(organisations, and(eq(organisations.id, roleModelProfiles.organisationId), eq(organisations.territoryId, scope.territoryId)))
		.leftJoin(roleModelPhotos, eq(roleModelPhotos.profileId, roleModelProfiles.id))
		.where(consented(scope))
		.orderBy(asc(roleModelProfiles.lastName), asc(roleModelProfiles.firstName), asc(roleModelProfiles.id));
}

export async function findConsentedProfile(db: Db, scope: TerritoryScope, id: number) {
	const [row] = await db
		.select(publicColumns)
		.from(roleModelProfiles)
		.leftJoin(organisations, and(eq(organisations.id, roleModelProfiles.organisationId), eq(organisations.territoryId, scope.territoryId)))
		.leftJoin(roleModelPhotos, eq(roleModelPhotos.profileId, roleModelProfiles.id))
		.where(and(consented(scope), eq(roleModelProfiles.id, id)));
	return row ?? null;
}

/** The photo of a profile whose public consent holds, else null. */
export async function findConsentedPhoto(db: Db, scope: TerritoryScope, id: number) {
	const [row] = await db
		.select({ contentType: roleModelPhotos.contentType, content: roleModelPhotos.content, uploadedAt: roleModelPhotos.uploadedAt })
		.from(roleModelPhotos)
		.innerJoin(roleModelProfiles, eq(roleModelProfiles.id, roleModelPhotos.profileId))
		.where(and(consented(scope), eq(roleModelPhotos.territoryId, scope.territoryId), eq(roleModelPhotos.profileId, id)));
	return row ?? null;
}

/** The names of the networks of these profiles. */
export async function listNetworkNames(db: Db, scope: TerritoryScope, profileIds: readonly number[]) {
	if (profileIds.length === 0) return [];
	return db
		.select({ profileId: roleModelNetworks.profileId, name: networks.name })
		.from(roleModelNetworks)
		.innerJoin(networks, eq(networks.id, roleModelNetworks.networkId))
		.where(and(eq(roleModelNetworks.territoryId, scope.territoryId), inArray(roleModelNetworks.profileId, [...profileIds])))
		.orderBy(asc(networks.position), asc(networks.name));
}
