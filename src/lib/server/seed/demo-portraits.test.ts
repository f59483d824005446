import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import type { Database } from '../db/client';
import { mediaTools, probeDuration } from '../files/media-tools';
import { portraitFile, portraitPage, publicGallery, screeningChoices } from '../portraits/portraits.public';
import { captionsProblem } from '../portraits/portraits.schemas';
import { seedDefaultTerritory } from './default-territory';
import { createDemoTerritory, removeDemo } from './demo';
import { DEMO_PORTRAITS } from './demo-portraits';
import { DEMO_ROLE_MODELS } from './demo-role-models';
import { listWitnesses } from '../role-models/role-models.photos';

const today = '2026-11-20';
const noFilter = { tag: null, sector: null, firm: null };
let database: Database;
let dataDir: string;
let realId = 0;

beforeAll(async () => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-demo-portraits-'));
	process.env.DATA_DIR = dataDir;
	database = await createTestDatabase();
	realId = (await seedDefaultTerritory(database.db)).territoryId;
});
afterAll(async () => {
	await database.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Every file under DATA_DIR, as paths relative to it. */
function filesUnder(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.flatMap((e) => (e.isFile() ? [path.relative(dir, path.join(e.parentPath, e.name))] : []));
}

const demoScope = async () => {
	const [row] = await rows<{ id: number }>(sql`select id from territories where slug = 'demo'`);
	return { territoryId: row!.id };
};

describe('the demo territory shows fictional portraits with generated placeholder media', () => {
	it('after mixite demo, the demo gallery shows the fictional portraits online, each marked as demo, and the real library stays empty', async () => {
		const result = await createDemoTerritory(database.db, { count: 20, seed: 3, today });
		expect(result.portraits).toBe(DEMO_PORTRAITS.length);
		const scope = await demoScope();
		const gallery = await publicGallery(database.db, scope, noFilter, today);
		expect(gallery.total).toBe(DEMO_PORTRAITS.length);
		expect(gallery.portraits.map((p) => p.firstName)).toEqual(DEMO_PORTRAITS.map((p) => p.firstName));
		for (const card of gallery.portraits) {
			expect(card).toMatchObject({ demo: true, poster: true, durationSeconds: 4 });
			expect(card.title).toMatch(/^Portrait de démonstration/);
			expect(card.firm).toMatch(/\(entreprise fictive\)$/);
		}
		expect(gallery.choices.tags).toContain('maintenance');
		// Their consent covers screenings too: prescribers can record a screening of them.
		expect(await screeningChoices(database.db, scope, today)).toHaveLength(DEMO_PORTRAITS.length);
		// Still online at the end of the consent's fifth year, no longer the day after.
		const consent = (await rows<{ expires: string }>(sql`select max(consent_expires_on)::text as expires from portraits`))[0]!.expires;
		expect(consent > '2031-11-01').toBe(true);
		expect((await publicGallery(database.db, scope, noFilter, consent)).total).toBe(DEMO_PORTRAITS.length);
		expect((await publicGallery(database.db, scope, noFilter, '2099-01-01')).total).toBe(0);

		expect((await publicGallery(database.db, { territoryId: realId }, noFilter, today)).total).toBe(0);
		expect(await rows(sql`select id from portraits where territory_id = ${realId}`)).toEqual([]);
	});

	it('each demo portrait has a real WebM video, a real poster and WebVTT captions, served from DATA_DIR as an upload would be', async () => {
		const scope = await demoScope();
		const { portraits } = await publicGallery(database.db, scope, noFilter, today);
		const tools = mediaTools();
		expect(tools.ffprobe, 'ffprobe is installed by scripts/install-test-deps.sh').not.toBeNull();
		for (const card of portraits) {
			const page = await portraitPage(database.db, scope, null, card.id, today);
			expect(page).toMatchObject({ online: true, demo: true, captions: true, video: { type: 'video/webm' } });
			expect(page.transcript).toContain('personnage inventé');

			const video = await portraitFile(database.db, scope, null, card.id, 'video', today);
			expect(video?.kind).toBe('file');
			if (video?.kind !== 'file') continue;
			expect(path.dirname(video.path)).toBe(path.join(dataDir, 'portraits', String(scope.territoryId)));
			const bytes = fs.readFileSync(video.path);
			expect(await fileTypeFromBuffer(bytes)).toMatchObject({ mime: 'video/webm' });
			expect(video.size).toBe(bytes.byteLength);
			expect(video.hash).toBe(createHash('sha256').update(bytes).digest('base64url'));
			// ffmpeg is installed by scripts/install-test-deps.sh: the video really decodes, and lasts 4 s.
			expect(await probeDuration(tools, video.path)).toBe(4);

			const poster = await portraitFile(database.db, scope, null, card.id, 'poster', today);
			expect(poster?.kind).toBe('file');
			if (poster?.kind !== 'file') continue;
			expect(await fileTypeFromBuffer(fs.readFileSync(poster.path))).toMatchObject({ mime: 'image/jpeg' });
			expect(poster.type).toBe('image/jpeg');

			const captions = await portraitFile(database.db, scope, null, card.id, 'captions', today);
			expect(captions?.kind).toBe('text');
			if (captions?.kind !== 'text') continue;
			expect(captionsProblem(captions.text)).toBeNull();
			expect(captions.text).toContain(`${card.firstName} est un personnage fictif`);
		}
		expect(filesUnder(dataDir)).toHaveLength(2 * DEMO_PORTRAITS.length);
	});

	it('recreating the demo replaces its portraits and their files instead of adding more', async () => {
		const before = filesUnder(dataDir);
		await createDemoTerritory(database.db, { count: 20, seed: 3, today });
		const after = filesUnder(dataDir);
		expect(after).toHaveLength(2 * DEMO_PORTRAITS.length);
		expect(after.filter((f) => before.includes(f))).toEqual([]);
		expect(await rows(sql`select id from portraits`)).toHaveLength(DEMO_PORTRAITS.length);
	});

	it('the demo also has three fictional role models with a public profile, one per network, and the real territory none', async () => {
		const witnesses = await listWitnesses(database.db, await demoScope());
		expect(witnesses.map((w) => w.firstName).sort()).toEqual(DEMO_ROLE_MODELS.map((r) => r.firstName).sort());
		for (const r of DEMO_ROLE_MODELS) {
			const witness = witnesses.find((w) => w.firstName === r.firstName)!;
			expect(witness).toMatchObject({ job: r.job, networks: [r.network] });
			expect(JSON.stringify(witness)).toContain('fictive');
		}
		expect(await listWitnesses(database.db, { territoryId: realId })).toEqual([]);
		const addresses = await rows<{ email: string }>(sql`select email from role_model_profiles`);
		expect(addresses.every((a) => a.email.endsWith('@demo.invalid'))).toBe(true);
	});

	it('mixite demo --remove leaves no portrait row and no file under DATA_DIR', async () => {
		expect(await removeDemo(database.db)).toBe(true);
		expect(await rows(sql`select id from role_model_profiles`)).toEqual([]);
		expect(await rows(sql`select id from portraits`)).toEqual([]);
		expect(filesUnder(dataDir)).toEqual([]);
		expect(fs.existsSync(path.join(dataDir, 'portraits'))).toBe(true);
		expect(fs.readdirSync(path.join(dataDir, 'portraits'))).toEqual([]);
	});
});
