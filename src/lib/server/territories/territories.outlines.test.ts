import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { countRows, defaultTerritory, validationFields } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { rankRoleModels } from '../role-models/matching';
import { createRoleModel } from '../role-models/role-models.usecases';
import { TerritoryNotFoundError } from './territories.errors';
import { importCommuneOutlines, outlinesView } from './territories.outlines';
import { listCommuneCentres } from './territories.repository';
import { square } from '../../../../tests/support/geojson';

/** The reference outlines of the 147 communes (../shared/data, read, never copied into the project). */
const OUTLINES = readFileSync(resolve(process.cwd(), '../shared/data/territoire-flandre-saint-omer/communes-contours.geojson'));
const admin = adminActor('administratrice');
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));

const collection = (features: unknown[]) => new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));

const refusal = async (work: Promise<unknown>) => (await validationFields(work)).file;

describe('commune outlines', () => {
	it('the reference file gives all 147 communes an outline and a centre; a dry run writes nothing, the import is audited', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const dry = await importCommuneOutlines(db, admin, t.scope, { bytes: OUTLINES }, { dryRun: true });
		expect(dry).toMatchObject({ features: 147, matched: 147, unknownCount: 0, missing: [], invalid: 0, written: false });
		expect(await countRows(db, 'commune_outlines')).toBe(0);

		const done = await importCommuneOutlines(db, admin, t.scope, { bytes: OUTLINES }, { dryRun: false });
		expect(done.written).toBe(true);
		const centres = await listCommuneCentres(db, t.scope);
		expect(centres.size).toBe(147);
		// Saint-Omer's centre lies in the town (about 2.25 E, 50.75 N).
		const [lon, lat] = centres.get('62765')!;
		expect(lon).toBeCloseTo(2.25, 1);
		expect(lat).toBeCloseTo(50.75, 1);
		expect(await outlinesView(db, admin, t.scope)).toMatchObject({ count: 147, total: 147 });
		const audit = await db.execute(sql`select count(*)::int as n from audit_events where action = 'import_outlines'`);
		expect(Number((audit as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBe(1);

		// Importing again replaces, never duplicates.
		await importCommuneOutlines(db, admin, t.scope, { bytes: OUTLINES }, { dryRun: false });
		expect(await countRows(db, 'commune_outlines')).toBe(147);
	});

	it('reports the codes outside the territory, the communes left without outline and the unreadable features', async () => {
		const { database, t } = fresh();
		const summary = await importCommuneOutlines(
			database.db,
			admin,
			t.scope,
			{ bytes: collection([square('62765', 2.25, 50.75), square('75056', 2.35, 48.85), { type: 'Feature', properties: {}, geometry: null }]) },
			{ dryRun: false }
		);
		expect(summary).toMatchObject({ features: 3, matched: 1, unknown: ['75056'], unknownCount: 1, invalid: 1 });
		expect(summary.missing).toHaveLength(146);
		expect(summary.missing.map((m) => m.code)).not.toContain('62765');
	});

	it('a single GeoJSON Feature is read as a collection of one commune', async () => {
		const { database, t } = fresh();
		const bytes = new TextEncoder().encode(JSON.stringify(square('62765', 2.25, 50.75)));
		const summary = await importCommuneOutlines(database.db, admin, t.scope, { bytes }, { dryRun: false });
		expect(summary).toMatchObject({ features: 1, matched: 1, unknownCount: 0, invalid: 0, written: true });
		expect(await countRows(database.db, 'commune_outlines')).toBe(1);
	});

	it('bad files get a French message next to the file field and change nothing', async () => {
		const { database, t } = fresh();
		const db = database.db;
		await importCommuneOutlines(db, admin, t.scope, { bytes: collection([square('62765', 2.25, 50.75)]) }, { dryRun: false });
		const run = (bytes: Uint8Array) => importCommuneOutlines(db, admin, t.scope, { bytes }, { dryRun: false });
		expect(await refusal(run(new Uint8Array()))).toBe('outlines.error.file');
		expect(await refusal(run(new TextEncoder().encode('{ pas du json')))).toBe('outlines.error.json');
		expect(await refusal(run(new TextEncoder().encode('{"type":"Feature"}')))).toBe('outlines.error.collection');
		expect(await refusal(run(collection([square('75056', 2.35, 48.85)])))).toBe('outlines.error.none_matched');
		expect(await countRows(db, 'commune_outlines')).toBe(1);
	});

	it('only a platform administrator imports: a coordinator meets a 404', async () => {
		const { database, t } = fresh();
		const coordinator = actorOf({
			userId: 'c',
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId, role: 'coordinator', organisationId: null }]
		});
		await expect(importCommuneOutlines(database.db, coordinator, t.scope, { bytes: OUTLINES }, { dryRun: false })).rejects.toBeInstanceOf(
			TerritoryNotFoundError
		);
	});

	it('once imported, matching gives each role model her distance to the request’s commune', async () => {
		const { database, t } = fresh();
		const db = database.db;
		await importCommuneOutlines(db, admin, t.scope, { bytes: OUTLINES }, { dryRun: false });
		await createRoleModel(db, t.scope, admin, { firstName: 'Sophie', lastName: 'Lefebvre', email: 'sophie@example.org', reachCommunes: ['62040'] });
		const [ranked] = await rankRoleModels(db, t.scope, {
			networkId: null,
			startsAt: null,
			endsAt: null,
			wishedFrom: '2026-03-02',
			wishedTo: '2026-03-06',
			audience: 'girls',
			level: 'college',
			communeCode: '62765'
		});
		const distance = ranked!.reasons.find((r) => r.key === 'matching.reason.distance');
		// Arques is next to Saint-Omer: a few kilometres between their centres.
		expect(Number(distance?.params?.km)).toBeGreaterThan(0);
		expect(Number(distance?.params?.km)).toBeLessThan(10);
	});
});
