import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTerritory, doneActivity, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { translator } from '../../i18n';
import { createActivity } from '../activities/activities.usecases';
import type { Database } from '../db/client';
import { territoryIndicator } from '../indicator/indicator.usecases';
import { API_SCHEMAS } from '../api/openapi';
import { SYSTEM_ACTOR } from '../shared/scope';
import { determinedCells, type Equation } from '../../domain/suppression';
import { openDataCsv, openDataXlsx, presentOpenData } from './open-data.presenters';
import { territoryOpenData, type OpenDataset } from './open-data.usecases';
import { readWorkbook, sheetValues } from '../../../../tests/support/xlsx';

const today = '2026-11-20';
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let dataset: OpenDataset;

const audiences = (list: Record<string, number>) =>
	Object.entries(list).map(([audience, count]) => ({ audience, level: ['girls', 'boys'].includes(audience) ? 'lycee_pro' : 'unspecified', count }));

beforeAll(async () => {
	database = await createTestDatabase();
	const db = database.db;
	t = await defaultTerritory(db);
	const [first, second] = t.initiatives;
	const record = (initiativeId: number, overrides: Record<string, unknown>) =>
		createActivity(db, t.scope, SYSTEM_ACTOR, doneActivity(initiativeId, overrides), { today });
	// Saint-Omer and Arques (CAPSO), Hazebrouck (Cœur de Flandre); teachers 2 and parents 1 are small cells.
	await record(first!.id, { date: '2025-10-14', communeCode: '62765', audiences: audiences({ girls: 40, boys: 25, teachers: 2 }) });
	await record(first!.id, { date: '2025-12-02', communeCode: '62040', audiences: audiences({ girls: 18, boys: 12, prescribers: 9 }) });
	await record(second!.id, { date: '2024-11-05', communeCode: '59295', audiences: audiences({ girls: 3, prescribers: 20, parents: 1 }) });
	await record(second!.id, { date: '2025-03-11', communeCode: '62765', audiences: audiences({ girls: 30, boys: 14, prescribers: 6 }) });
	// Planned: never counted.
	await record(first!.id, { date: '2026-12-01', status: 'planned', communeCode: '62765', audiences: audiences({ girls: 50 }) });
	const other = await otherTerritory(db);
	await createActivity(
		db,
		other.scope,
		SYSTEM_ACTOR,
		doneActivity(other.initiativeId, { communeCode: other.communeCode, audiences: audiences({ girls: 3 }) }),
		{
			today
		}
	);
	dataset = await territoryOpenData(db, t.scope);
});
afterAll(() => database.close());

/** Participations by school year and audience, read from the activities themselves (not through the code under test). */
async function rawYearAudience(): Promise<Map<string, number>> {
	const list = await rows<{ year: string; audience: string; n: number }>(
		database.db,
		sql`select case when extract(month from a.date) >= 9 then extract(year from a.date)::int || '-' || (extract(year from a.date)::int + 1)
			else (extract(year from a.date)::int - 1) || '-' || extract(year from a.date)::int end as year, aa.audience, sum(aa.count)::int as n
		from activities a join activity_audiences aa on aa.activity_id = a.id
		where a.territory_id = ${t.scope.territoryId} and a.status = 'done' group by 1, 2`
	);
	return new Map(list.map((r) => [`${r.year}|${r.audience}`, r.n]));
}

/** Every line (row or column, totals included) of a long table: its cells, found by holding one dimension. */
function linesOf<T extends { participations: number | null; suppressed: boolean }>(cells: readonly T[], dims: readonly (keyof T)[]) {
	const lines = new Map<string, T[]>();
	for (const c of cells) for (const d of dims) lines.set(`${String(d)}=${String(c[d])}`, [...(lines.get(`${String(d)}=${String(c[d])}`) ?? []), c]);
	return [...lines.values()];
}

describe('the open data of a territory', () => {
	it('withholds every figure of 1 to 4 people, and publishes the others as counted from the activities', async () => {
		const raw = await rawYearAudience();
		expect(raw.get('2025-2026|teachers')).toBe(2);
		expect(raw.get('2024-2025|parents')).toBe(1);
		for (const cell of dataset.bySchoolYearAndAudience.filter((c) => c.schoolYear && c.audience)) {
			const value = raw.get(`${cell.schoolYear}|${cell.audience}`) ?? 0;
			if (value >= 1 && value <= 4) expect(cell, `${cell.schoolYear} ${cell.audience}`).toMatchObject({ participations: null, suppressed: true });
			else if (!cell.suppressed) expect(cell.participations, `${cell.schoolYear} ${cell.audience}`).toBe(value);
			else expect(cell.participations).toBeNull();
		}
		const byCommune = dataset.byCommuneAndSchoolYear;
		// Hazebrouck counted 24 in 2024-2025: published; its EPCI has only that commune.
		expect(byCommune.find((c) => c.communeCode === '59295' && c.schoolYear === '2024-2025')).toMatchObject({ participations: 24, suppressed: false });
	});

	it('leaves no withheld figure alone in a line: every row and column holding one holds at least two', () => {
		type Cell = { participations: number | null; suppressed: boolean };
		const places = dataset.byCommuneAndSchoolYear;
		const lines: Cell[][] = [
			...linesOf(dataset.bySchoolYearAndAudience, ['schoolYear', 'audience']),
			...linesOf(dataset.byInitiativeAndAudience, ['initiative', 'audience']),
			// Each commune, EPCI and the territory across the years.
			...linesOf(
				places.filter((c) => c.level === 'commune'),
				['communeCode']
			),
			...linesOf(
				places.filter((c) => c.level === 'epci'),
				['epciSiren']
			),
			places.filter((c) => c.level === 'territory'),
			// Each year: the communes of an EPCI with its subtotal, and the EPCIs with the territory.
			...[...dataset.schoolYears, null].flatMap((y) => {
				const inYear = places.filter((c) => c.schoolYear === y);
				return [
					...linesOf(
						inYear.filter((c) => c.level !== 'territory'),
						['epciSiren']
					),
					inYear.filter((c) => c.level !== 'commune')
				];
			})
		];
		expect(dataset.bySchoolYearAndAudience.some((c) => c.suppressed)).toBe(true);
		for (const line of lines) {
			const withheld = line.filter((c) => c.suppressed).length;
			expect(withheld === 0 || withheld >= 2, JSON.stringify(line)).toBe(true);
		}
	});

	it('publishes totals computed from all the data, equal to the indicator’s, planned activities left out', async () => {
		const indicator = await territoryIndicator(database.db, t.scope, {});
		const [stored] = await rows<{ n: number }>(
			database.db,
			sql`select sum(aa.count)::int as n from activities a join activity_audiences aa on aa.activity_id = a.id where a.territory_id = ${t.scope.territoryId} and a.status = 'done'`
		);
		expect(stored!.n).toBe(180);
		expect(indicator.participations).toBe(180);
		const grand = (cells: readonly { participations: number | null }[], isTotal: (c: never) => boolean) => cells.find((c) => isTotal(c as never));
		expect(grand(dataset.bySchoolYearAndAudience, (c: { schoolYear: null; audience: null }) => !c.schoolYear && !c.audience)?.participations).toBe(180);
		expect(grand(dataset.byInitiativeAndAudience, (c: { initiative: null; audience: null }) => !c.initiative && !c.audience)?.participations).toBe(180);
		expect(grand(dataset.byCommuneAndSchoolYear, (c: { level: string; schoolYear: null }) => c.level === 'territory' && !c.schoolYear)?.participations).toBe(
			180
		);
		for (const year of indicator.bySchoolYear) {
			const cell = dataset.bySchoolYearAndAudience.find((c) => c.schoolYear === year.key && !c.audience)!;
			if (!cell.suppressed) expect(cell.participations).toBe(year.participations);
		}
	});

	it('writes a withheld figure as an empty cell marked « s » in the CSV and the XLSX, and as null in the API', async () => {
		const fr = translator('fr');
		const csv = openDataCsv(dataset, fr).replace('\ufeff', '').trim().split('\r\n');
		const header = csv[0]!.split(';');
		expect(header).toEqual([
			'tableau',
			'annee_scolaire',
			'public',
			'public_libelle',
			'initiative',
			'niveau',
			'epci_siren',
			'epci',
			'code_commune',
			'commune',
			'participations',
			'secret_statistique'
		]);
		const lines = csv.slice(1).map((l) => Object.fromEntries(l.split(';').map((v, i) => [header[i]!, v])));
		expect(lines).toHaveLength(dataset.bySchoolYearAndAudience.length + dataset.byInitiativeAndAudience.length + dataset.byCommuneAndSchoolYear.length);
		const teachers = lines.find((l) => l.tableau === 'annee_public' && l.annee_scolaire === '2025-2026' && l.public === 'teachers')!;
		expect(teachers).toMatchObject({ participations: '', secret_statistique: 's', public_libelle: 'Enseignants' });
		for (const l of lines) expect(l.participations === '', JSON.stringify(l)).toBe(l.secret_statistique === 's');
		const total = lines.find((l) => l.tableau === 'annee_public' && l.annee_scolaire === 'Ensemble' && l.public === 'Ensemble')!;
		expect(total.participations).toBe('180');

		const workbook = await readWorkbook(await openDataXlsx({ slug: 'x', name: 'Flandre' }, dataset, fr));
		const values = sheetValues(workbook.getWorksheet('annee_public')!);
		const headerRow = values.findIndex((r) => r.includes('participations'));
		const cols = values[headerRow]!;
		const at = (r: unknown[], name: string) => r[cols.indexOf(name)];
		const withheld = values.slice(headerRow + 1).filter((r) => at(r, 'secret_statistique') === 's');
		expect(withheld.length).toBe(dataset.bySchoolYearAndAudience.filter((c) => c.suppressed).length);
		for (const r of withheld) expect(at(r, 'participations') ?? null).toBeNull();
		expect(values.slice(0, headerRow).flat().join(' ')).toContain('Licence Ouverte / Open Licence 2.0');
		// The last update in words, as the page says it, not an ISO timestamp.
		expect(dataset.lastUpdate).not.toBeNull();
		const updated = String(values.find((r) => r[0] === 'Dernière mise à jour')?.[1]);
		expect(updated).toMatch(/^\d{1,2}(er)? [a-zéû]+ \d{4} à \d{2}:\d{2}$/);

		const json = presentOpenData({ slug: 'flandre-saint-omer', name: 'Flandre' }, dataset);
		expect(json.data.bySchoolYearAndAudience.find((c) => c.schoolYear === '2025-2026' && c.audience === 'teachers')).toMatchObject({
			participations: null,
			suppressed: true
		});
	});

	it('leaves no withheld figure recomputable from all the published tables together, a total shared by two tables withheld in both or neither', () => {
		const key = (...dims: [string, string | null][]) =>
			dims
				.filter(([, v]) => v !== null)
				.map(([d, v]) => `${d}=${v}`)
				.sort()
				.join('&');
		const withheld = new Map<string, boolean>();
		const note = (k: string, suppressed: boolean) => {
			if (withheld.has(k)) expect(withheld.get(k), k).toBe(suppressed);
			withheld.set(k, suppressed);
		};
		const years = [...dataset.schoolYears, null];
		const audiences = [...dataset.audiences, null];
		const initiatives = [...new Set(dataset.byInitiativeAndAudience.map((c) => c.initiative))];
		for (const c of dataset.bySchoolYearAndAudience) note(key(['year', c.schoolYear], ['audience', c.audience]), c.suppressed);
		for (const c of dataset.byInitiativeAndAudience) note(key(['initiative', c.initiative], ['audience', c.audience]), c.suppressed);
		const place = (c: (typeof dataset.byCommuneAndSchoolYear)[number]): [string, string | null] =>
			c.level === 'commune' ? ['commune', c.communeCode] : c.level === 'epci' ? ['epci', c.epciSiren ?? '-'] : ['territory', null];
		for (const c of dataset.byCommuneAndSchoolYear) note(key(place(c), ['year', c.schoolYear]), c.suppressed);
		const equations: Equation[] = [];
		const cross = (rows: (string | null)[], rowDim: string, cols: (string | null)[], colDim: string) => {
			const inner = <T>(list: T[]) => list.filter((v) => v !== null);
			for (const r of rows) equations.push({ total: key([rowDim, r], [colDim, null]), parts: inner(cols).map((c) => key([rowDim, r], [colDim, c])) });
			for (const c of cols) equations.push({ total: key([rowDim, null], [colDim, c]), parts: inner(rows).map((r) => key([rowDim, r], [colDim, c])) });
		};
		cross(years, 'year', audiences, 'audience');
		cross(initiatives, 'initiative', audiences, 'audience');
		const places = dataset.byCommuneAndSchoolYear.filter((c) => c.schoolYear === null);
		for (const p of places) equations.push({ total: key(place(p)), parts: dataset.schoolYears.map((y) => key(place(p), ['year', y])) });
		for (const y of years) {
			const epcis = places.filter((p) => p.level === 'epci');
			for (const e of epcis)
				equations.push({
					total: key(place(e), ['year', y]),
					parts: places.filter((p) => p.level === 'commune' && p.epciSiren === e.epciSiren).map((p) => key(place(p), ['year', y]))
				});
			equations.push({ total: key(['year', y]), parts: epcis.map((e) => key(place(e), ['year', y])) });
		}
		for (const eq of equations) for (const k of [eq.total, ...eq.parts]) expect(withheld.has(k), k).toBe(true);
		const suppressed = new Set([...withheld].filter(([, s]) => s).map(([k]) => k));
		expect(suppressed.size).toBeGreaterThan(0);
		expect(determinedCells(equations, suppressed)).toEqual([]);
	});

	it('answers the API exactly as its OpenAPI document describes it: every documented field, no other, of the documented type', () => {
		type Schema = { type?: string | string[]; required?: string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; const?: unknown };
		const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
		const check = (value: unknown, schema: Schema, at: string) => {
			if (schema.const !== undefined) expect(value, at).toEqual(schema.const);
			if (schema.enum) expect(schema.enum, at).toContain(value);
			if (schema.type) expect([schema.type].flat(), `${at}: ${typeOf(value)}`).toContain(typeOf(value));
			if (schema.properties && value && typeof value === 'object') {
				expect(Object.keys(value).sort(), at).toEqual(Object.keys(schema.properties).sort());
				for (const key of schema.required ?? []) expect(value, at).toHaveProperty([key]);
				for (const [key, sub] of Object.entries(schema.properties)) check((value as Record<string, unknown>)[key], sub, `${at}.${key}`);
			}
			if (schema.items && Array.isArray(value)) value.forEach((v, i) => check(v, schema.items!, `${at}[${i}]`));
		};
		check(presentOpenData({ slug: 'flandre-saint-omer', name: 'Flandre' }, dataset), API_SCHEMAS.OpenDataResponse as Schema, 'body');
	});

	it('never shows another territory’s figures', async () => {
		const text = JSON.stringify(presentOpenData({ slug: 'x', name: 'x' }, dataset)) + openDataCsv(dataset, translator('fr'));
		expect(text).not.toContain('59350');
		expect(text).not.toContain('Lille');
		expect(text).not.toContain('Autre initiative');
		const other = await territoryOpenData(
			database.db,
			(await rows<{ id: number }>(database.db, sql`select id from territories where slug = 'autre-territoire'`)).map((r) => ({ territoryId: r.id }))[0]!
		);
		// Its only figure is 3 girls: withheld with what would give it away, its EPCI subtotal and the total.
		expect(other.bySchoolYearAndAudience.every((c) => c.participations === null || c.participations === 0)).toBe(true);
		expect(JSON.stringify(other)).not.toContain('Saint-Omer');
	});
});
