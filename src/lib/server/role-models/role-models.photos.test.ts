import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, otherTerritory, validationFields, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import type { Db } from '../db/client';
import { applyRetention } from '../privacy/privacy.usecases';
import { RoleModelNotFoundError } from './role-models.errors';
import { listWitnesses, uploadRoleModelPhoto, removeRoleModelPhoto, viewWitness, witnessPhoto, PHOTO_LIMITS } from './role-models.photos';
import { createRoleModel, updateRoleModel, viewRoleModel } from './role-models.usecases';

const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
const coordinator = adminActor('coordinatrice');

/** The first bytes of real images: what `file-type` recognises. */
const PNG = Uint8Array.from([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89
]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const GIF = new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;');
const TEXT = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

/** A role model with an account, and the actor she acts as on « Mon profil ». */
async function roleModel(db: Db, territoryId: number) {
	const profile = await createRoleModel(db, { territoryId }, coordinator, {
		firstName: 'Amina',
		lastName: 'Benali',
		email: 'amina@arc.example',
		job: 'Ingénieure procédés',
		sector: 'Verre',
		trainingPath: 'BTS puis école d’ingénieurs'
	});
	await db.execute(sql`insert into "user" (id, name, email, email_verified) values ('amina', 'Amina Benali', 'amina@arc.example', true)`);
	await db.execute(sql`update role_model_profiles set user_id = 'amina' where id = ${profile.id}`);
	const actor = actorOf({ userId: 'amina', platformAdmin: false, roles: [{ territoryId, role: 'role_model', organisationId: null }] });
	return { profile, actor };
}

/** Her own form with the consent box ticked or not (consent is hers alone). */
async function setConsent(db: Db, territoryId: number, actor: ReturnType<typeof actorOf>, consent: boolean) {
	const view = await viewRoleModel(db, { territoryId }, actor, 'own');
	await updateRoleModel(db, { territoryId }, actor, 'own', { ...view.values, publicConsent: consent ? 'on' : '' });
}

const stored = (db: Db) =>
	rows<{ profile_id: number; content_type: string; size: number }>(db, sql`select profile_id, content_type, size from role_model_photos`);

describe('role-model photos and public profiles', () => {
	it('she sends a PNG and a coordinator a JPEG: the type is read from the bytes, one photo per profile', async () => {
		const { database, t } = fresh();
		const { profile, actor } = await roleModel(database.db, t.scope.territoryId);
		await uploadRoleModelPhoto(database.db, t.scope, actor, 'own', { bytes: PNG });
		expect(await stored(database.db)).toEqual([{ profile_id: profile.id, content_type: 'image/png', size: PNG.byteLength }]);
		await uploadRoleModelPhoto(database.db, t.scope, coordinator, { id: profile.id }, { bytes: JPEG });
		expect(await stored(database.db)).toEqual([{ profile_id: profile.id, content_type: 'image/jpeg', size: JPEG.byteLength }]);
		const audit = await rows<{ action: string }>(database.db, sql`select action from audit_events where action like 'photo_%' order by id`);
		expect(audit.map((a) => a.action)).toEqual(['photo_upload', 'photo_upload']);
	});

	it('a GIF, a script disguised as an image, an empty file and a photo over 2 MB are refused next to the field, and nothing changes', async () => {
		const { database, t } = fresh();
		const { profile, actor } = await roleModel(database.db, t.scope.territoryId);
		await uploadRoleModelPhoto(database.db, t.scope, actor, 'own', { bytes: PNG });
		const before = await stored(database.db);
		const tooLarge = new Uint8Array(PHOTO_LIMITS.maxBytes + 1);
		tooLarge.set(PNG);
		for (const [bytes, message] of [
			[GIF, 'role_models.photo.type'],
			[TEXT, 'role_models.photo.type'],
			[new Uint8Array(0), 'role_models.photo.required'],
			[tooLarge, 'role_models.photo.too_large']
		] as const) {
			const fields = await validationFields(uploadRoleModelPhoto(database.db, t.scope, actor, 'own', { bytes }));
			expect(fields.photo).toBe(message);
		}
		expect(await validationFields(uploadRoleModelPhoto(database.db, t.scope, actor, 'own', null))).toHaveProperty('photo');
		expect(await stored(database.db)).toEqual(before);
		expect(before[0]?.profile_id).toBe(profile.id);
	});

	it('nobody but her and the coordination sets a profile’s photo, and a coordinator of another territory reaches none', async () => {
		const { database, t } = fresh();
		const { profile } = await roleModel(database.db, t.scope.territoryId);
		const neighbour = await otherTerritory(database.db);
		const stranger = actorOf({
			userId: 'coord-b',
			platformAdmin: false,
			roles: [{ territoryId: neighbour.scope.territoryId, role: 'coordinator', organisationId: null }]
		});
		await expect(uploadRoleModelPhoto(database.db, neighbour.scope, stranger, { id: profile.id }, { bytes: PNG })).rejects.toBeInstanceOf(
			RoleModelNotFoundError
		);
		const funder = actorOf({ userId: 'f', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'funder', organisationId: null }] });
		await expect(uploadRoleModelPhoto(database.db, t.scope, funder, { id: profile.id }, { bytes: PNG })).rejects.toBeInstanceOf(RoleModelNotFoundError);
		expect(await stored(database.db)).toEqual([]);
	});

	it('with her consent the profile and its photo are public; withdrawn, both are gone at once, and retention then deletes the photo', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const { profile, actor } = await roleModel(db, t.scope.territoryId);
		await uploadRoleModelPhoto(db, t.scope, actor, 'own', { bytes: PNG });
		// No consent yet: nothing public.
		expect(await listWitnesses(db, t.scope)).toEqual([]);
		await expect(witnessPhoto(db, t.scope, profile.id)).rejects.toBeInstanceOf(RoleModelNotFoundError);

		await setConsent(db, t.scope.territoryId, actor, true);
		const [listed] = await listWitnesses(db, t.scope);
		expect(listed).toMatchObject({ id: profile.id, firstName: 'Amina', lastName: 'Benali', job: 'Ingénieure procédés', sector: 'Verre' });
		expect(JSON.stringify(listed)).not.toContain('amina@arc.example');
		expect(listed?.photo).not.toBeNull();
		expect((await witnessPhoto(db, t.scope, profile.id)).contentType).toBe('image/png');
		// Another territory's public pages never show her.
		const neighbour = await otherTerritory(db);
		await expect(viewWitness(db, neighbour.scope, profile.id)).rejects.toBeInstanceOf(RoleModelNotFoundError);

		await setConsent(db, t.scope.territoryId, actor, false);
		expect(await listWitnesses(db, t.scope)).toEqual([]);
		await expect(viewWitness(db, t.scope, profile.id)).rejects.toBeInstanceOf(RoleModelNotFoundError);
		await expect(witnessPhoto(db, t.scope, profile.id)).rejects.toBeInstanceOf(RoleModelNotFoundError);
		await applyRetention(db);
		expect(await stored(db)).toEqual([]);
	});

	it('she removes her photo: gone from the database, and removing it again is said on the form', async () => {
		const { database, t } = fresh();
		const { actor } = await roleModel(database.db, t.scope.territoryId);
		await uploadRoleModelPhoto(database.db, t.scope, actor, 'own', { bytes: PNG });
		await removeRoleModelPhoto(database.db, t.scope, actor, 'own');
		expect(await stored(database.db)).toEqual([]);
		expect(await validationFields(removeRoleModelPhoto(database.db, t.scope, actor, 'own'))).toHaveProperty('photo');
	});
});
