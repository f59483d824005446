/**
 * Role models' photos and their public profiles (« Elles témoignent »). A photo is JPEG, PNG or
 * WebP — recognised by its bytes (`file-type`), never by its name or the browser's word — and
 * 2 MB at most. A profile (and its photo) is public only while her consent holds: withdrawn, the
 * page and the photo are gone at once (404).
 */
import { fileTypeOf } from '../files/disk-store';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import type { Actor, TerritoryScope } from '../shared/scope';
import { noOwnProfileError, RoleModelNotFoundError } from './role-models.errors';
import { mayManageRoleModels } from './role-models.policy';
import * as repo from './role-models.repository';
import * as photos from './role-models.photos.repository';
import type { ProfileTarget } from './role-models.usecases';

export const PHOTO_LIMITS = { maxBytes: 2 * 1024 * 1024, maxMegabytes: 2, types: ['image/jpeg', 'image/png', 'image/webp'] as readonly string[] };

const photoError = (key: 'role_models.photo.required' | 'role_models.photo.type' | 'role_models.photo.too_large') =>
	new ValidationError({ photo: { key, params: { max: PHOTO_LIMITS.maxMegabytes } } });

/** A body refused by the server before any code read it (BODY_SIZE_LIMIT): the photo's own message, next to its field. */
export function asPhotoTooLarge(e: unknown): unknown {
	return e instanceof ValidationError && e.fields._form?.key === 'request.too_large' ? photoError('role_models.photo.too_large') : e;
}

/** The profile a target names, within what the actor may touch (her own, or any for the coordination); else a 404. */
async function profileOf(db: Db, scope: TerritoryScope, actor: Actor, target: ProfileTarget) {
	if (target === 'own') {
		const own = await repo.findProfileOfUser(db, scope, actor.userId);
		if (!own) throw noOwnProfileError();
		return own;
	}
	if (!mayManageRoleModels(actor.principal, scope.territoryId)) throw new RoleModelNotFoundError();
	const row = await repo.findProfileInReach(db, scope, 'all', target.id, { forUpdate: false });
	if (!row) throw new RoleModelNotFoundError();
	return row;
}

/** What the photo form shows: whether there is one, since when, and its size. */
export async function photoStatus(db: Db, scope: TerritoryScope, actor: Actor, target: ProfileTarget) {
	const profile = await profileOf(db, scope, actor, target).catch(() => null);
	if (!profile) return null;
	const meta = await photos.findPhotoMeta(db, scope, profile.id);
	return { profileId: profile.id, uploadedAt: meta?.uploadedAt.toISOString() ?? null, size: meta?.size ?? null };
}

/** Checks the bytes: present, 2 MB at most, JPEG/PNG/WebP by content. Nothing is written on a refusal. */
async function checkPhoto(upload: { bytes: Uint8Array } | null): Promise<{ contentType: string; content: Buffer }> {
	if (!upload || upload.bytes.byteLength === 0) throw photoError('role_models.photo.required');
	if (upload.bytes.byteLength > PHOTO_LIMITS.maxBytes) throw photoError('role_models.photo.too_large');
	const detected = await fileTypeOf(upload.bytes);
	if (!detected || !PHOTO_LIMITS.types.includes(detected.mime)) throw photoError('role_models.photo.type');
	return { contentType: detected.mime, content: Buffer.from(upload.bytes.buffer, upload.bytes.byteOffset, upload.bytes.byteLength) };
}

/** She (own) or the coordination ({ id }) sets the profile's photo, replacing the previous one. Audited (type and size, never the bytes). */
export async function uploadRoleModelPhoto(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	target: ProfileTarget,
	upload: { bytes: Uint8Array } | null,
	now = new Date()
) {
	await profileOf(db, scope, actor, target);
	const photo = await checkPhoto(upload);
	await db.transaction(async (tx) => {
		const profile = await profileOf(tx, scope, actor, target);
		const before = await photos.findPhotoMeta(tx, scope, profile.id);
		await photos.savePhoto(tx, scope, profile.id, { ...photo, size: photo.content.byteLength, uploadedAt: now });
		await recordAudit(tx, scope, actor, {
			action: 'photo_upload',
			entityType: 'role_model',
			entityId: profile.id,
			before: before ? { contentType: before.contentType, size: before.size } : { photo: null },
			after: { contentType: photo.contentType, size: photo.content.byteLength }
		});
	});
}

/** Removes the profile's photo (nothing to remove: said on the form). */
export async function removeRoleModelPhoto(db: Db, scope: TerritoryScope, actor: Actor, target: ProfileTarget) {
	await db.transaction(async (tx) => {
		const profile = await profileOf(tx, scope, actor, target);
		const before = await photos.findPhotoMeta(tx, scope, profile.id);
		if (!before || !(await photos.deletePhoto(tx, scope, profile.id))) throw new ValidationError({ photo: { key: 'role_models.photo.none' } });
		await recordAudit(tx, scope, actor, {
			action: 'photo_remove',
			entityType: 'role_model',
			entityId: profile.id,
			before: { contentType: before.contentType, size: before.size },
			after: { photo: null }
		});
	});
}

/** The photo form's one action: `remove=1` removes, anything else uploads the `photo` file. */
export async function changeRoleModelPhoto(db: Db, scope: TerritoryScope, actor: Actor, target: ProfileTarget, form: FormData) {
	if (form.get('remove') === '1') return removeRoleModelPhoto(db, scope, actor, target);
	const file = form.get('photo');
	const upload = file instanceof File && file.size > 0 ? { bytes: new Uint8Array(await file.arrayBuffer()) } : null;
	return uploadRoleModelPhoto(db, scope, actor, target, upload);
}

/* ------------------------------------------------------------------ public profiles */

type PublicRow = Awaited<ReturnType<typeof photos.listConsentedProfiles>>[number];

function present(row: PublicRow, networkNames: string[]) {
	return {
		id: row.id,
		firstName: row.firstName,
		lastName: row.lastName,
		job: row.job,
		firm: row.firm,
		sector: row.sector,
		trainingPath: row.trainingPath,
		networks: networkNames,
		/** The photo's version in its address: a new photo is a new address (long cache). */
		photo: row.photoUploadedAt ? String(row.photoUploadedAt.getTime()) : null
	};
}

async function withNetworks(db: Db, scope: TerritoryScope, rows: PublicRow[]) {
	const names = await photos.listNetworkNames(
		db,
		scope,
		rows.map((r) => r.id)
	);
	return rows.map((r) =>
		present(
			r,
			names.filter((n) => n.profileId === r.id).map((n) => n.name)
		)
	);
}

/** « Elles témoignent »: the role models whose public consent holds today. */
export async function listWitnesses(db: Db, scope: TerritoryScope) {
	return withNetworks(db, scope, await photos.listConsentedProfiles(db, scope));
}

/** One public profile; a withdrawn consent (or a deactivated profile) is a 404 at once. */
export async function viewWitness(db: Db, scope: TerritoryScope, id: number) {
	const row = await photos.findConsentedProfile(db, scope, id);
	if (!row) throw new RoleModelNotFoundError();
	return (await withNetworks(db, scope, [row]))[0]!;
}

/** The public photo: only while consent holds, else a 404. */
export async function witnessPhoto(db: Db, scope: TerritoryScope, id: number) {
	const row = await photos.findConsentedPhoto(db, scope, id);
	if (!row) throw new RoleModelNotFoundError();
	return { contentType: row.contentType, bytes: row.content, uploadedAt: row.uploadedAt };
}
