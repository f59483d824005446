import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { countRows, defaultTerritory, otherTerritory, storedParticipations, validationFields, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { completePortrait as completeWith, file, PNG, PORTRAIT_WEBM, VIDEO_LIMITS } from '../../../../tests/support/portraits';
import type { Db } from '../db/client';
import { storeStream, StoreRefusedError } from '../files/disk-store';
import { mediaTools } from '../files/media-tools';
import { checkPortraitConsents } from './portraits.schedule';
import { PortraitNotFoundError } from './portraits.errors';
import { indirectExposure, portraitFile, portraitPage, publicGallery, recordPlay, recordScreening } from './portraits.public';
import { attachVideo, createPortrait, listPortraits, portraitsDir, publishPortrait, setCaptions, setConsent, withdrawConsent } from './portraits.usecases';

const WEBM = PORTRAIT_WEBM;

let dataDir: string;
beforeAll(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-portraits-'));
	process.env.DATA_DIR = dataDir;
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
const coordinator = adminActor('coordinatrice');
const today = '2026-03-10';
const filesOnDisk = (territoryId: number) => {
	const dir = path.join(dataDir, 'portraits', String(territoryId));
	return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};

const completePortrait = (db: Db, scope: { territoryId: number }, options: { scopes?: string[]; expiresOn?: string } = {}) =>
	completeWith(db, scope, coordinator, { ...options, today });

describe('the portraits library', () => {
	it('a coordinator adds a portrait; wrong details are refused field by field and nothing is written', async () => {
		const { database, t } = fresh();
		const fields = await validationFields(
			createPortrait(database.db, t.scope, coordinator, {
				title: ' ',
				firstName: '',
				job: 'x'.repeat(301),
				durationSeconds: 'deux minutes',
				tags: 'a,b,c,d,e,f,g,h,i'
			})
		);
		expect(fields).toEqual({
			title: 'validation.required',
			firstName: 'validation.required',
			job: 'validation.too_long',
			durationSeconds: 'portraits.duration_invalid',
			tags: 'portraits.tags_invalid'
		});
		expect(await countRows(database.db, 'portraits')).toBe(0);
		const created = await createPortrait(database.db, t.scope, coordinator, {
			title: 'Technicienne',
			firstName: 'Léa',
			job: 'Technicienne de maintenance',
			durationSeconds: '2:05',
			tags: 'Maintenance, maintenance'
		});
		expect(created).toMatchObject({ durationSeconds: 125, tags: ['maintenance'], publishedAt: null });
		expect(await rows(database.db, sql`select action from audit_events where entity_type = 'portrait'`)).toEqual([{ action: 'create' }]);
	});

	it('a video is recognised by its bytes, not its name, and a refused one leaves nothing on disk', async () => {
		const dir = path.join(dataDir, 'refusals');
		const text = Readable.from([Buffer.from('ceci n’est pas une vidéo, malgré son nom .mp4')]);
		await expect(storeStream(text, dir, VIDEO_LIMITS)).rejects.toMatchObject({ reason: 'type' });
		await expect(storeStream(fs.createReadStream(WEBM), dir, { ...VIDEO_LIMITS, maxBytes: 1000 })).rejects.toBeInstanceOf(StoreRefusedError);
		await expect(storeStream(Readable.from([]), dir, VIDEO_LIMITS)).rejects.toMatchObject({ reason: 'empty' });
		expect(fs.readdirSync(dir)).toEqual([]);
		const stored = await storeStream(fs.createReadStream(WEBM), dir, VIDEO_LIMITS);
		expect(stored).toMatchObject({ type: 'video/webm', size: fs.statSync(WEBM).size });
		expect(fs.readFileSync(path.join(dir, stored.file)).equals(fs.readFileSync(WEBM))).toBe(true);
	});

	it('with ffprobe and ffmpeg installed, the duration is read from the video and the poster taken from it', async () => {
		const { database, t } = fresh();
		const tools = mediaTools();
		// scripts/install-test-deps.sh installs ffmpeg: this test must run, not be skipped.
		expect(tools.ffprobe, 'ffprobe is installed by scripts/install-test-deps.sh').not.toBeNull();
		const portrait = await createPortrait(database.db, t.scope, coordinator, { title: 'Soudeuse', firstName: 'Inès', job: 'Soudeuse' });
		const stored = await storeStream(fs.createReadStream(WEBM), portraitsDir(t.scope), VIDEO_LIMITS);
		const result = await attachVideo(database.db, t.scope, coordinator, portrait.id, stored, tools);
		expect(result).toEqual({ durationSeconds: 3, posterFromVideo: true });
		const [row] = await rows<{ duration_seconds: number; poster_type: string }>(database.db, sql`select duration_seconds, poster_type from portraits`);
		expect(row).toEqual({ duration_seconds: 3, poster_type: 'image/jpeg' });
		// A new video replaces the old file: only the new video and the poster stay.
		const again = await storeStream(fs.createReadStream(WEBM), portraitsDir(t.scope), VIDEO_LIMITS);
		await attachVideo(database.db, t.scope, coordinator, portrait.id, again, tools);
		expect(filesOnDisk(t.scope.territoryId)).toHaveLength(2);
	});

	it('publication needs the video, poster, captions, transcript and a consent covering the website', async () => {
		const { database, t } = fresh();
		const portrait = await createPortrait(database.db, t.scope, coordinator, { title: 'Régleuse', firstName: 'Nora', job: 'Régleuse' });
		expect(await validationFields(publishPortrait(database.db, t.scope, coordinator, portrait.id))).toEqual({ _form: 'portraits.publish_missing' });
		expect(await validationFields(setCaptions(database.db, t.scope, coordinator, portrait.id, { text: 'Bonjour, voici mes sous-titres', file: null }))).toEqual(
			{
				captions: 'portraits.captions_invalid'
			}
		);
		expect(
			await validationFields(setCaptions(database.db, t.scope, coordinator, portrait.id, { text: '', file: file(new Uint8Array(), 'vide.vtt', 'text/vtt') }))
		).toEqual({
			captions: 'portraits.captions_empty'
		});
		const consent = { signedOn: '2026-04-01', scopes: [], expiresOn: '2026-03-01' };
		expect(await validationFields(setConsent(database.db, t.scope, coordinator, portrait.id, consent, null, today))).toEqual({
			signedOn: 'portraits.consent_signed_future',
			scopes: 'portraits.consent_scopes_required',
			expiresOn: 'portraits.consent_expiry_before'
		});
		const noForm = { signedOn: '2026-01-05', scopes: ['website'], expiresOn: '2027-01-05' };
		expect(await validationFields(setConsent(database.db, t.scope, coordinator, portrait.id, noForm, null, today))).toEqual({
			consentForm: 'portraits.consent_form_required'
		});
		expect(await validationFields(setConsent(database.db, t.scope, coordinator, portrait.id, noForm, file(PNG, 'scan.pdf', 'application/pdf'), today))).toEqual(
			{
				consentForm: 'portraits.consent_form_type'
			}
		);
		// Only screenings: not enough for the website.
		const full = await completePortrait(database.db, t.scope, { scopes: ['screenings'] });
		expect(await validationFields(publishPortrait(database.db, t.scope, coordinator, full.id, new Date('2026-03-10T10:00:00Z')))).toEqual({
			_form: 'portraits.publish_missing'
		});
		const ready = await completePortrait(database.db, t.scope);
		await publishPortrait(database.db, t.scope, coordinator, ready.id, new Date('2026-03-10T10:00:00Z'));
		const list = await listPortraits(database.db, t.scope, coordinator, today);
		expect(list.map((p) => [p.id, p.status, p.missing])).toEqual([
			[full.id, 'draft', ['consent']],
			[ready.id, 'online', []],
			[portrait.id, 'draft', ['video', 'captions', 'transcript', 'poster', 'consent']]
		]);
	});

	it('the public sees an online portrait only; its consent ending takes it offline on every read, the job says so, warned 30 days before', async () => {
		const { database, t } = fresh();
		await database.db.execute(sql`insert into "user" (id, name, email, email_verified) values ('coord', 'Claire', 'claire@capso.example', true)`);
		await database.db.execute(sql`insert into territory_roles (user_id, territory_id, role) values ('coord', ${t.scope.territoryId}, 'coordinator')`);
		const portrait = await completePortrait(database.db, t.scope, { expiresOn: '2026-04-05' });
		await publishPortrait(database.db, t.scope, coordinator, portrait.id, new Date('2026-03-10T10:00:00Z'));
		expect((await portraitPage(database.db, t.scope, null, portrait.id, '2026-04-05')).title).toBe('Conductrice de ligne');
		expect((await publicGallery(database.db, t.scope, { tag: 'verrerie', sector: null, firm: null }, '2026-04-05')).portraits).toHaveLength(1);
		expect(await portraitFile(database.db, t.scope, null, portrait.id, 'video', '2026-04-05')).toMatchObject({ kind: 'file', type: 'video/webm' });
		// The day after its end: gone for the public, even before the job runs.
		await expect(portraitPage(database.db, t.scope, null, portrait.id, '2026-04-06')).rejects.toBeInstanceOf(PortraitNotFoundError);
		expect(await portraitFile(database.db, t.scope, null, portrait.id, 'video', '2026-04-06')).toBeNull();
		expect((await publicGallery(database.db, t.scope, { tag: null, sector: null, firm: null }, '2026-04-06')).total).toBe(0);
		// The coordination still previews it.
		expect((await portraitPage(database.db, t.scope, coordinator, portrait.id, '2026-04-06')).online).toBe(false);

		// 30 days before: one warning per coordinator, once.
		expect(await checkPortraitConsents(database.db, new Date('2026-03-10T10:00:00Z'))).toEqual({ unpublished: 0, warned: 1 });
		expect(await checkPortraitConsents(database.db, new Date('2026-03-11T10:00:00Z'))).toEqual({ unpublished: 0, warned: 0 });
		// After the end: unpublished in the data, journal and e-mail; a second run does nothing.
		expect(await checkPortraitConsents(database.db, new Date('2026-04-06T10:00:00Z'))).toEqual({ unpublished: 1, warned: 0 });
		expect(await checkPortraitConsents(database.db, new Date('2026-04-07T10:00:00Z'))).toEqual({ unpublished: 0, warned: 0 });
		expect(await rows(database.db, sql`select kind, to_address from mail_outbox order by id`)).toEqual([
			{ kind: 'portrait_consent_expiring', to_address: 'claire@capso.example' },
			{ kind: 'portrait_unpublished', to_address: 'claire@capso.example' }
		]);
		expect(await rows(database.db, sql`select published_at from portraits`)).toEqual([{ published_at: null }]);
		expect(await rows(database.db, sql`select actor_label from audit_events where action = 'unpublish'`)).toEqual([
			{ actor_label: 'la plateforme (automatique)' }
		]);
	});

	it('a withdrawn consent unpublishes at once; plays count only online portraits and never add to participations', async () => {
		const { database, t } = fresh();
		const portrait = await completePortrait(database.db, t.scope);
		expect(await recordPlay(database.db, t.scope, portrait.id, today)).toBe(false);
		await publishPortrait(database.db, t.scope, coordinator, portrait.id, new Date('2026-03-10T10:00:00Z'));
		const before = await storedParticipations(database.db, t.scope.territoryId);
		expect(await recordPlay(database.db, t.scope, portrait.id, today)).toBe(true);
		expect(await recordPlay(database.db, t.scope, portrait.id, today)).toBe(true);
		expect(await indirectExposure(database.db, t.scope)).toEqual({ plays: 2 });
		expect(await storedParticipations(database.db, t.scope.territoryId)).toBe(before);
		await withdrawConsent(database.db, t.scope, coordinator, portrait.id);
		await expect(portraitPage(database.db, t.scope, null, portrait.id, today)).rejects.toBeInstanceOf(PortraitNotFoundError);
		expect(await recordPlay(database.db, t.scope, portrait.id, today)).toBe(false);
		expect(await validationFields(publishPortrait(database.db, t.scope, coordinator, portrait.id, new Date('2026-03-10T10:00:00Z')))).toEqual({
			_form: 'portraits.publish_missing'
		});
		expect(await indirectExposure(database.db, t.scope)).toEqual({ plays: 2 });
	});

	it('a screening to 12 women job seekers is an activity of the portraits initiative: the indicator rises by 12', async () => {
		const { database, t } = fresh();
		const portrait = await completePortrait(database.db, t.scope);
		const onlyWebsite = await completePortrait(database.db, t.scope, { scopes: ['website'] });
		const initiative = t.initiatives.find((i) => i.name.includes('Portraits'))!;
		const screening = {
			initiativeId: String(initiative.id),
			type: 'screening',
			title: 'Projection à l’agence France Travail',
			date: '2026-03-09',
			communeCode: '62765',
			status: 'done',
			audiences: [{ audience: 'women', level: 'job_seekers', count: 12 }]
		};
		const before = await storedParticipations(database.db, t.scope.territoryId);
		expect(await validationFields(recordScreening(database.db, t.scope, coordinator, { ...screening, portraitIds: [] }, today))).toEqual({
			portraitIds: 'portraits.screening_portraits_required'
		});
		expect(
			await validationFields(recordScreening(database.db, t.scope, coordinator, { ...screening, date: '', portraitIds: [String(onlyWebsite.id)] }, today))
		).toMatchObject({
			date: expect.any(String),
			portraitIds: 'portraits.screening_portrait_unavailable'
		});
		expect(await countRows(database.db, 'activities')).toBe(0);
		const activity = await recordScreening(database.db, t.scope, coordinator, { ...screening, portraitIds: [String(portrait.id)] }, today);
		expect(await storedParticipations(database.db, t.scope.territoryId)).toBe(before + 12);
		expect(await rows(database.db, sql`select activity_id, portrait_id from screening_portraits`)).toEqual([
			{ activity_id: activity.id, portrait_id: portrait.id }
		]);
		expect((await listPortraits(database.db, t.scope, coordinator, today)).find((p) => p.id === portrait.id)?.screenings).toBe(1);
		// A partner of another initiative may not record it (the activities' rule).
		const partner = actorOf({ userId: 'p', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: 999 }] });
		expect(await validationFields(recordScreening(database.db, t.scope, partner, { ...screening, portraitIds: [String(portrait.id)] }, today))).toEqual({
			initiativeId: expect.any(String)
		});
		expect(await storedParticipations(database.db, t.scope.territoryId)).toBe(before + 12);
	});

	it('another territory sees none of it, and only the coordination manages the library', async () => {
		const { database, t } = fresh();
		const other = await otherTerritory(database.db);
		const portrait = await completePortrait(database.db, t.scope);
		await publishPortrait(database.db, t.scope, coordinator, portrait.id, new Date('2026-03-10T10:00:00Z'));
		await expect(portraitPage(database.db, other.scope, null, portrait.id, today)).rejects.toBeInstanceOf(PortraitNotFoundError);
		expect(await portraitFile(database.db, other.scope, coordinator, portrait.id, 'video', today)).toBeNull();
		expect(await recordPlay(database.db, other.scope, portrait.id, today)).toBe(false);
		const funder = actorOf({ userId: 'f', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'funder', organisationId: null }] });
		await expect(listPortraits(database.db, t.scope, funder, today)).rejects.toBeInstanceOf(PortraitNotFoundError);
		await expect(withdrawConsent(database.db, t.scope, funder, portrait.id)).rejects.toBeInstanceOf(PortraitNotFoundError);
		// The signed form is for the coordination only, even while the portrait is online.
		expect(await portraitFile(database.db, t.scope, null, portrait.id, 'consentForm', today)).toBeNull();
		expect(await portraitFile(database.db, t.scope, coordinator, portrait.id, 'consentForm', today)).toMatchObject({ type: 'application/pdf' });
	});
});
