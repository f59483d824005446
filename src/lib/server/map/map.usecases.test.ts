import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import CommuneMap from '../../components/CommuneMap.svelte';
import CommuneRateTable from '../../components/CommuneRateTable.svelte';
import { translator } from '../../i18n';
import { adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, doneActivity, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { createActivity } from '../activities/activities.usecases';
import type { Db } from '../db/client';
import { SYSTEM_ACTOR } from '../shared/scope';
import { importCommuneOutlines } from '../territories/territories.outlines';
import { projectOutlines } from './map.projection';
import { communeMap, communeMapPage } from './map.usecases';

/** The reference outlines of the 147 communes (../shared/data, read at test time, never copied into the project). */
const OUTLINES_FILE = resolve(process.cwd(), '../shared/data/territoire-flandre-saint-omer/communes-contours.geojson');
const OUTLINES = readFileSync(OUTLINES_FILE);
const admin = adminActor('administratrice');
const today = '2026-06-15';
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db), other: await otherTerritory(database.db) }));

const SAINT_OMER = '62765';
const ARQUES = '62040';
const LUMBRES = '62534';

/** Populations as stored, read directly (not through the code under test). */
async function populations(db: Db, territoryId: number): Promise<Map<string, number>> {
	const list = await rows<{ code: string; population: number }>(
		db,
		sql`select code_insee as code, population from communes where territory_id = ${territoryId}`
	);
	return new Map(list.map((r) => [r.code, Number(r.population)]));
}

const perThousand = (participations: number, population: number) => Math.round((participations * 10_000) / population) / 10;

/** Three done activities (23 participations each, doneActivity's audiences) in two communes, one more in a third under another initiative and school year. */
async function recordActivities(db: Db, t: Awaited<ReturnType<typeof defaultTerritory>>) {
	const second = t.initiatives[1]!.id;
	await createActivity(db, t.scope, SYSTEM_ACTOR, doneActivity(t.initiativeId, { communeCode: SAINT_OMER, date: '2025-10-14' }), { today });
	await createActivity(db, t.scope, SYSTEM_ACTOR, doneActivity(t.initiativeId, { communeCode: SAINT_OMER, date: '2026-02-03' }), { today });
	await createActivity(db, t.scope, SYSTEM_ACTOR, doneActivity(t.initiativeId, { communeCode: ARQUES, date: '2025-11-20' }), { today });
	await createActivity(db, t.scope, SYSTEM_ACTOR, doneActivity(second, { communeCode: LUMBRES, date: '2024-11-20' }), { today });
	// A planned activity counts nowhere.
	await createActivity(db, t.scope, SYSTEM_ACTOR, doneActivity(t.initiativeId, { communeCode: '59018', date: '2026-06-20', status: 'planned' }), { today });
}

describe('the map of communes', () => {
	it('gives each commune its participations per 1,000 inhabitants, names the communes never reached, and draws one path per commune with outline', async () => {
		const { database, t, other } = fresh();
		const db = database.db;
		await importCommuneOutlines(db, admin, t.scope, { bytes: OUTLINES }, { dryRun: false });
		await recordActivities(db, t);
		// The neighbour's activity never reaches this territory's map.
		await createActivity(db, other.scope, SYSTEM_ACTOR, doneActivity(other.initiativeId, { communeCode: other.communeCode }), { today });

		const map = await communeMap(db, t.scope, {});
		const pop = await populations(db, t.scope.territoryId);
		expect(map.communes).toHaveLength(147);
		const byCode = new Map(map.communes.map((c) => [c.code, c]));
		expect(byCode.get(SAINT_OMER)).toMatchObject({
			participations: 46,
			population: pop.get(SAINT_OMER),
			perThousand: perThousand(46, pop.get(SAINT_OMER)!),
			neverReached: false
		});
		expect(byCode.get(ARQUES)).toMatchObject({ participations: 23, perThousand: perThousand(23, pop.get(ARQUES)!), neverReached: false });
		expect(byCode.get(LUMBRES)).toMatchObject({ participations: 23, perThousand: perThousand(23, pop.get(LUMBRES)!), neverReached: false });
		expect(byCode.get('59018')).toMatchObject({ participations: 0, perThousand: 0, neverReached: true, rateClass: null });
		expect(map.neverReached).toBe(144);
		expect(map.communes.filter((c) => c.neverReached)).toHaveLength(144);
		expect(map.participations).toBe(92);
		expect(byCode.has(other.communeCode)).toBe(false);

		// Highest rate first, never reached last; each reached commune in a class whose bounds hold its rate.
		const rates = map.communes.slice(0, 3).map((c) => c.perThousand!);
		expect(rates).toEqual([...rates].sort((a, b) => b - a));
		expect(map.communes.slice(3).every((c) => c.neverReached)).toBe(true);
		for (const c of map.communes.slice(0, 3)) {
			const k = map.classes[c.rateClass!]!;
			expect(c.perThousand!).toBeGreaterThanOrEqual(k.from);
			expect(c.perThousand!).toBeLessThanOrEqual(k.to);
		}
		expect(map.classes.reduce((n, k) => n + k.communes, 0)).toBe(3);

		// One path per commune with outline, each with its title; the hatching for the communes never reached.
		expect(map.drawing).not.toBeNull();
		expect(map.communes.every((c) => c.path !== null && /^M[\d.,LMZ-]+$/.test(c.path))).toBe(true);
		const t9n = translator('fr');
		const html = render(CommuneMap, {
			props: { communes: map.communes, classes: map.classes, drawing: map.drawing!, label: 'Carte', t: t9n, locale: 'fr' }
		}).body;
		expect(html.match(/<path /g)).toHaveLength(147);
		expect(html).toContain('role="img"');
		expect(html.match(/fill="url\(#never-reached\)"/g)?.length).toBe(144 + 1); // 144 communes and the legend's swatch
		const saintOmer = map.communes.find((c) => c.code === SAINT_OMER)!;
		expect(html).toContain(`<title>Saint-Omer : 46 participations, ${String(saintOmer.perThousand).replace('.', ',')} pour 1\u202f000 habitants</title>`);
		expect(html).toContain('Jamais atteinte');

		const table = render(CommuneRateTable, { props: { rows: map.communes, t: t9n, locale: 'fr' } }).body;
		expect(table.match(/<tr/g)).toHaveLength(148);
		expect(table).toContain('CA du Pays de Saint-Omer');
	});

	it('follows the indicator’s filters: a school year and an initiative narrow the participations, wrong filters draw nothing', async () => {
		const { database, t } = fresh();
		const db = database.db;
		await recordActivities(db, t);
		const year = await communeMapPage(db, t.scope, new URLSearchParams({ period: 'year', schoolYear: '2025-2026' }), { today });
		expect(year.map!.participations).toBe(69);
		expect(year.map!.communes.find((c) => c.code === LUMBRES)).toMatchObject({ participations: 0, neverReached: true });

		const initiative = await communeMapPage(db, t.scope, new URLSearchParams({ initiativeId: String(t.initiatives[1]!.id) }), { today });
		expect(initiative.map!.participations).toBe(23);
		expect(initiative.map!.neverReached).toBe(146);

		const months = await communeMapPage(db, t.scope, new URLSearchParams({ period: 'months', fromMonth: '2026-01', toMonth: '2026-03' }), { today });
		expect(months.map!.communes.filter((c) => !c.neverReached).map((c) => [c.code, c.participations])).toEqual([[SAINT_OMER, 23]]);

		const wrong = await communeMapPage(db, t.scope, new URLSearchParams({ period: 'months', fromMonth: '2026-05', toMonth: '2026-01' }), { today });
		expect(wrong.ok).toBe(false);
		expect(wrong.map).toBeNull();
	});

	it('without outlines, every commune is still listed with its figures and nothing is drawn', async () => {
		const { database, t } = fresh();
		await recordActivities(database.db, t);
		const map = await communeMap(database.db, t.scope, {});
		expect(map.drawing).toBeNull();
		expect(map.communes).toHaveLength(147);
		expect(map.communes.every((c) => c.path === null)).toBe(true);
		expect(map.communes.filter((c) => !c.neverReached)).toHaveLength(3);
	});
});

describe('outlines projected on the server', () => {
	const features = (JSON.parse(OUTLINES.toString('utf8')) as { features: { properties: { code: string }; geometry: unknown }[] }).features;
	const outlines = features.map((f) => ({ code: f.properties.code, geometry: f.geometry }));

	it('fit a drawing 600 units wide, in paths rounded to a tenth of a unit', () => {
		const projected = projectOutlines(outlines);
		expect(projected.paths.size).toBe(147);
		expect(projected.width).toBe(600);
		expect(projected.height).toBeGreaterThan(200);
		expect(projected.height).toBeLessThan(600);
		const numbers = [...projected.paths.values()].flatMap((d) => d.match(/-?[\d.]+/g)!.map(Number));
		expect(Math.min(...numbers)).toBeGreaterThanOrEqual(-0.1);
		expect(Math.max(...numbers)).toBeLessThanOrEqual(600.1);
		expect([...projected.paths.values()].every((d) => !/\.\d\d/.test(d))).toBe(true);
	});

	it('rings turned the RFC 7946 way (as Etalab’s files) draw the same communes, not the rest of the world', () => {
		type Polygon = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
		const reversed = outlines.map((o) => {
			const g = o.geometry as Polygon;
			const flip = (rings: number[][][]) => rings.map((r) => [...r].reverse());
			return { code: o.code, geometry: g.type === 'Polygon' ? { ...g, coordinates: flip(g.coordinates) } : { ...g, coordinates: g.coordinates.map(flip) } };
		});
		const a = projectOutlines(outlines);
		const b = projectOutlines(reversed);
		expect(b.height).toBe(a.height);
		expect(b.paths.get(SAINT_OMER)!.length).toBe(a.paths.get(SAINT_OMER)!.length);
	});
});
