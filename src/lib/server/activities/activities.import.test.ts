import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { zipOf } from '../../../../tests/support/zip';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { sql } from 'drizzle-orm';
import { countRows, defaultTerritory, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { adminActor } from '../../../../tests/support/actors';
import {
	brokenLegacyRows,
	LEGACY_MISTAKES,
	legacyCsv,
	legacyDoneParticipations,
	legacyRows,
	legacyWorkbook
} from '../../../../tests/support/legacy-spreadsheet';
import { translator } from '../../i18n';
import type { Database } from '../db/client';
import { compareAggregates } from '../indicator/indicator.consistency';
import { territoryIndicator } from '../indicator/indicator.usecases';
import { ValidationError } from '../shared/errors';
import { IMPORT_PAGE_MAX_BYTES, importActivities, importUploadedSpreadsheet, parseColumnMapping } from './activities.import';
import { importTemplate, TEMPLATE_FIELDS } from './activities.import-template';
import { readSpreadsheetRows } from '../files/spreadsheet-rows';
import { levelOf, recogniseHeader, statusOf, typeOf } from '../../domain/import-vocabulary';
import { ACTIVITY_TYPES, LEVELS, type ActivityType } from '../../domain/reference';
import { updateActivity } from './activities.usecases';
import { findImportedLike, insertImportedActivities } from './activities.repository';
import { readWorkbook } from '../../../../tests/support/xlsx';

const actor = adminActor('coordinatrice');
const today = '2026-11-20';
const t = translator('fr');
let database: Database;
let territory: Awaited<ReturnType<typeof defaultTerritory>>;
let other: Awaited<ReturnType<typeof otherTerritory>>;

beforeAll(async () => {
	database = await createTestDatabase();
	territory = await defaultTerritory(database.db);
	other = await otherTerritory(database.db);
});
afterAll(() => database.close());

const indicatorTotal = async () => (await territoryIndicator(database.db, territory.scope, {})).participations;
const run = (bytes: Uint8Array, dryRun: boolean, extra: Parameters<typeof importActivities>[4] extends infer O ? Partial<O> : never = {}) =>
	importActivities(
		database.db,
		territory.scope,
		actor,
		{ bytes, name: bytes[0] === 0x50 && bytes[1] === 0x4b ? 'suivi.xlsx' : 'suivi.csv' },
		{ dryRun, today, ...extra }
	);
const fieldKey = async (promise: Promise<unknown>) => {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ValidationError);
	return Object.values((error as ValidationError).fields)[0]!.key;
};

describe('importing a legacy spreadsheet of activities', () => {
	it('the broken file: every mistake reported by line and column in French, nothing written', async () => {
		const { bytes, lines } = await legacyWorkbook(brokenLegacyRows());
		const before = { activities: await countRows(database.db, 'activities'), indicator: await indicatorTotal() };
		for (const dryRun of [true, false]) {
			const summary = await run(bytes, dryRun);
			expect(summary.headerLine).toBe(3);
			expect(summary.rows).toBe(9);
			expect(summary.created).toBe(0);
			const shown = summary.problems.map((p) => ({ line: p.line, column: p.column, message: t(p.key, p.params) }));
			for (const mistake of LEGACY_MISTAKES) {
				expect(shown, `${mistake.column} line ${lines[mistake.row]}`).toContainEqual({
					line: lines[mistake.row],
					column: mistake.column,
					message: expect.stringMatching(mistake.message)
				});
			}
			expect(shown.filter((p) => p.line === lines[8])).toEqual([]);
		}
		expect(await countRows(database.db, 'activities')).toBe(before.activities);
		expect(await indicatorTotal()).toBe(before.indicator);
	});

	it('the fixed file: a dry run writes nothing; the commit raises the indicator by exactly its sum, once', async () => {
		const { bytes, lines } = await legacyWorkbook(legacyRows());
		const before = { activities: await countRows(database.db, 'activities'), indicator: await indicatorTotal() };
		const dry = await run(bytes, true);
		expect(dry.problems.map((p) => `${p.line} ${p.column} ${t(p.key, p.params)}`)).toEqual([]);
		expect(dry).toMatchObject({ rows: 9, valid: 9, created: 0, duplicates: 0, participations: legacyDoneParticipations() });
		expect(dry.skipped).toEqual([
			{ line: lines[3]! + 1, reason: 'blank' },
			{ line: lines[8]! + 1, reason: 'blank' },
			{ line: lines[8]! + 2, reason: 'total' }
		]);
		expect(await countRows(database.db, 'activities')).toBe(before.activities);

		const done = await run(bytes, false);
		expect(done).toMatchObject({ created: 9, duplicates: 0 });
		expect(await countRows(database.db, 'activities')).toBe(before.activities + 9);
		expect(await indicatorTotal()).toBe(before.indicator + legacyDoneParticipations());
		for (const d of await compareAggregates(database.db)) expect(d, d.table).toMatchObject({ missing: 0, extra: 0 });

		const again = await run(bytes, false);
		expect(again).toMatchObject({ created: 0, duplicates: 9 });
		expect(await countRows(database.db, 'activities')).toBe(before.activities + 9);
		expect(await indicatorTotal()).toBe(before.indicator + legacyDoneParticipations());
	});

	it('the same rows as a French CSV (`;`, Windows-1252, comma decimals) are the same activities: nothing added', async () => {
		const before = await indicatorTotal();
		const summary = await run(legacyCsv(legacyRows()), false);
		expect(summary.problems).toEqual([]);
		expect(summary).toMatchObject({ kind: 'csv', rows: 9, created: 0, duplicates: 9 });
		expect(await indicatorTotal()).toBe(before);
		const broken = await run(legacyCsv(brokenLegacyRows()), true);
		expect(broken.problems.find((p) => p.column === 'Nb Filles')).toMatchObject({ key: 'spreadsheet.problem.count_decimal', params: { value: '11,5' } });
	});

	it('a Windows-1252 CSV keeps the characters Latin-1 lacks (– œ ’ € « »): the title as written, Dennebrœucq found', async () => {
		const title = 'Visite d’atelier – œuvre « Verr’Elles » à 5 €';
		const text = [
			'Date;Intitulé;Initiative;Type;Commune;Filles;Garçons',
			`14/10/2025;${title};Elles Bougent;Intervention en établissement scolaire;Dennebrœucq;3;2`
		].join('\r\n');
		const bytes = new Uint8Array(iconv.encode(text, 'windows-1252'));
		expect(bytes.includes(0x96) && bytes.includes(0x9c) && bytes.includes(0x80)).toBe(true);
		const summary = await run(bytes, false);
		expect(summary.problems).toEqual([]);
		expect(summary.created).toBe(1);
		expect(
			await rows(database.db, sql`select title, commune_code from activities where source = 'import' and date = '2025-10-14' and commune_code = '62267'`)
		).toEqual([{ title, commune_code: '62267' }]);
	});

	it('« Action » beside « Intitulé » names the initiative, alone the title; a file of headers only has no row to import', async () => {
		const csv = (...lines: string[]) => new TextEncoder().encode(lines.join('\n'));
		const row = '14/10/2025;Forum des métiers;Elles Bougent;Intervention en établissement scolaire;Arques;4';
		const both = await run(csv('Date;Intitulé;Action;Type;Commune;Filles', row), true);
		expect(both.problems).toEqual([]);
		expect(both.columns.map((c) => c.field)).toEqual(['date', 'title', 'initiative', 'type', 'commune', 'girls']);
		const alone = await run(csv('Date;Action;Initiative;Type;Commune;Filles', row), true);
		expect(alone.problems).toEqual([]);
		expect(alone.columns.map((c) => c.field)).toEqual(['date', 'title', 'initiative', 'type', 'commune', 'girls']);
		expect(await run(csv('Date;Intitulé;Initiative;Type;Commune;Filles', ';;;;;', 'TOTAL;;;;;0'), true)).toMatchObject({ rows: 0, valid: 0, problems: [] });
	});

	it('a row changed in the file since its import is a problem of its line, not a second activity; once the activity is corrected on the platform, the row is already there', async () => {
		const csv = (girls: number) =>
			new TextEncoder().encode(
				[
					'Date;Intitulé;Initiative;Type;Commune;Filles;Garçons',
					`02/12/2025;Salon de l’apprentissage (corrigé);Elles Bougent;Intervention en établissement scolaire;Arques;${girls};5`,
					'03/12/2025;Salon de l’apprentissage (inchangé);Elles Bougent;Intervention en établissement scolaire;Arques;7;5'
				].join('\n')
			);
		expect(await run(csv(14), false)).toMatchObject({ created: 2, problems: [] });
		const before = { activities: await countRows(database.db, 'activities'), indicator: await indicatorTotal() };
		for (const dryRun of [true, false]) {
			const summary = await run(csv(15), dryRun);
			expect(summary.problems.map((p) => ({ line: p.line, key: p.key, params: p.params }))).toEqual([
				{
					line: 2,
					key: 'spreadsheet.problem.changed_since_import',
					params: { title: 'Salon de l’apprentissage (corrigé)', date: '2025-12-02', participations: 19 }
				}
			]);
			expect(summary).toMatchObject({ rows: 2, valid: 1, duplicates: 1, created: 0 });
		}
		expect(await countRows(database.db, 'activities')).toBe(before.activities);
		expect(await indicatorTotal()).toBe(before.indicator);

		const [stored] = await rows<{ id: number; version: number; initiative_id: number; type: string; commune_code: string }>(
			database.db,
			sql`select id, version, initiative_id, type, commune_code from activities where title = 'Salon de l’apprentissage (corrigé)'`
		);
		await updateActivity(
			database.db,
			territory.scope,
			actor,
			stored!.id,
			stored!.version,
			{
				initiativeId: stored!.initiative_id,
				type: stored!.type,
				title: 'Salon de l’apprentissage (corrigé)',
				date: '2025-12-02',
				communeCode: stored!.commune_code,
				hostOrganisationId: null,
				status: 'done',
				notes: null,
				audiences: [
					{ audience: 'girls', level: 'unspecified', count: 15 },
					{ audience: 'boys', level: 'unspecified', count: 5 }
				]
			},
			{ today }
		);
		expect(await run(csv(15), false)).toMatchObject({ problems: [], created: 0, duplicates: 2 });
		expect(await indicatorTotal()).toBe(before.indicator + 1);
	});

	it('a file of several slices is written while it is read; a problem on its last row rolls back the slices already written', async () => {
		const ROWS = 12_001;
		const csv = (lastCommune: string) =>
			new TextEncoder().encode(
				[
					'Date;Intitulé;Initiative;Type;Commune;Filles;Garçons',
					...Array.from(
						{ length: ROWS },
						(_, i) =>
							`${String((i % 28) + 1).padStart(2, '0')}/0${(i % 6) + 1}/2026;Atelier des métiers n° ${i + 1};Elles Bougent;Intervention en établissement scolaire;${i === ROWS - 1 ? lastCommune : 'Arques'};${(i % 7) + 1};2`
					)
				].join('\n')
			);
		const sum = Array.from({ length: ROWS }, (_, i) => (i % 7) + 1 + 2).reduce((a, b) => a + b, 0);
		const lastId = async () => Number((await rows<{ id: string }>(database.db, sql`select last_value as id from activities_id_seq`))[0]!.id);
		const before = { activities: await countRows(database.db, 'activities'), indicator: await indicatorTotal(), id: await lastId() };
		const broken = await run(csv('Arquse-sur-Mer'), false);
		// The first slice was written (its ids drawn) before the last row was read (the reading waits
		// while two slices are queued), then rolled back.
		expect(await lastId()).toBeGreaterThan(before.id + 4_000);
		expect(broken.problems.map((p) => ({ line: p.line, column: p.column }))).toEqual([{ line: ROWS + 1, column: 'Commune' }]);
		expect(broken).toMatchObject({ rows: ROWS, valid: ROWS - 1, created: 0 });
		expect(await countRows(database.db, 'activities')).toBe(before.activities);
		expect(await indicatorTotal()).toBe(before.indicator);

		const fixed = await run(csv('Arques'), false);
		expect(fixed).toMatchObject({ rows: ROWS, valid: ROWS, created: ROWS, duplicates: 0, participations: sum, problems: [] });
		expect(fixed.preview.map((p) => p.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
		expect(await countRows(database.db, 'activities')).toBe(before.activities + ROWS);
		expect(await indicatorTotal()).toBe(before.indicator + sum);
		for (const d of await compareAggregates(database.db)) expect(d, d.table).toMatchObject({ missing: 0, extra: 0 });
		expect(await run(csv('Arques'), false)).toMatchObject({ created: 0, duplicates: ROWS });
	});

	it('the slices an import has written in its transaction are not fetched back as activities imported before; those of earlier imports are', async () => {
		const [earlier] = await rows<{ id: number; initiative_id: number; type: string; date: string; commune_code: string }>(
			database.db,
			sql`select id, initiative_id, type, to_char(date, 'YYYY-MM-DD') as date, commune_code from activities where title = 'Salon de l’apprentissage (corrigé)'`
		);
		const place = { initiativeId: earlier!.initiative_id, date: earlier!.date, communeCode: earlier!.commune_code };
		class Undo extends Error {}
		await expect(
			database.db.transaction(async (tx) => {
				const [own] = await insertImportedActivities(tx, territory.scope, [
					{
						values: { ...place, type: earlier!.type, title: 'Écrit par cette transaction', status: 'done', source: 'import', importKey: 'own-transaction' },
						audiences: [{ audience: 'girls', level: 'unspecified', count: 3 }]
					}
				]);
				expect(own?.importKey).toBe('own-transaction');
				expect((await findImportedLike(tx, territory.scope, [place])).map((a) => a.id)).toEqual([earlier!.id]);
				throw new Undo();
			})
		).rejects.toBeInstanceOf(Undo);
	});

	it('a failure of whoever follows the progress (a page closed) stops the import as it is, with nothing written then or later', async () => {
		const csv = new TextEncoder().encode(
			[
				'Date;Intitulé;Initiative;Type;Commune;Filles',
				...Array.from({ length: 7_000 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/04/2026;Forum n° ${i + 1};Elles Bougent;Forum;Arques;3`)
			].join('\n')
		);
		const before = { activities: await countRows(database.db, 'activities'), indicator: await indicatorTotal() };
		for (const phase of ['read', 'check'] as const) {
			const failing = run(csv, false, {
				onProgress: (p) => {
					if (p === phase) throw new Error('page fermée');
				}
			});
			// The error itself, not « fichier illisible »: the file is not at fault.
			await expect(failing).rejects.toThrow('page fermée');
			// Nothing written, and nothing either by a slice still under way when the error went up.
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(await countRows(database.db, 'activities'), phase).toBe(before.activities);
			expect(await indicatorTotal(), phase).toBe(before.indicator);
		}
	});

	it('a slice the database refuses stops the reading there: its error goes up, the rest of the file is not read, nothing is written', async () => {
		await database.db.execute(
			sql.raw(`create function refuse_test_title() returns trigger language plpgsql as $$
				begin if new.title = 'Refusé par la base' then raise exception 'refus de test'; end if; return new; end $$`)
		);
		await database.db.execute(sql.raw('create trigger refuse_test_title before insert on activities for each row execute function refuse_test_title()'));
		try {
			const ROWS = 30_000;
			const csv = new TextEncoder().encode(
				[
					'Date;Intitulé;Initiative;Type;Commune;Filles',
					...Array.from(
						{ length: ROWS },
						(_, i) => `${String((i % 28) + 1).padStart(2, '0')}/09/2025;${i === 0 ? 'Refusé par la base' : `Visite n° ${i + 1}`};Elles Bougent;Forum;Arques;4`
					)
				].join('\n')
			);
			const before = { activities: await countRows(database.db, 'activities'), indicator: await indicatorTotal() };
			const read: number[] = [];
			const error = await run(csv, false, { onProgress: (phase, done) => void (phase === 'read' && read.push(done)) }).then(
				() => null,
				(e: unknown) => e
			);
			expect(String(error) + String((error as { cause?: unknown })?.cause)).toContain('refus de test');
			// The first slice (rows 2 to 5001) failed: the reading, held while two slices wait, stopped by the second.
			expect(Math.max(...read)).toBeLessThan(11_000);
			expect(await countRows(database.db, 'activities')).toBe(before.activities);
			expect(await indicatorTotal()).toBe(before.indicator);
		} finally {
			await database.db.execute(sql.raw('drop trigger refuse_test_title on activities'));
			await database.db.execute(sql.raw('drop function refuse_test_title()'));
		}
	});

	it('the template to start from: its headers are recognised, its first sheet has no row to import by mistake, its example imports as is, its values sheet lists what the import accepts', async () => {
		const xlsx = await importTemplate(database.db, territory.scope, actor, { today });
		const { rows: sheet } = await readSpreadsheetRows(new Uint8Array(xlsx));
		expect(sheet[0]!.cells.map(recogniseHeader)).toEqual(sheet[0]!.cells.map((_, i) => TEMPLATE_FIELDS[i]));
		expect(await run(new Uint8Array(xlsx), true)).toMatchObject({ headerLine: 1, rows: 0, valid: 0, problems: [] });

		const workbook = await readWorkbook(xlsx);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['Actions', 'Exemple', 'Valeurs possibles']);
		// The example sheet, as a file of its own (the first sheet is the one imported).
		const example = new ExcelJS.Workbook();
		const copy = example.addWorksheet('Actions');
		workbook.worksheets[1]!.eachRow((row) => copy.addRow((row.values as unknown[]).slice(1)));
		const dry = await run(new Uint8Array(await example.xlsx.writeBuffer()), true);
		expect(dry.problems.map((p) => `${p.line} ${p.column} ${t(p.key, p.params)}`)).toEqual([]);
		expect(dry).toMatchObject({ headerLine: 1, rows: 1, valid: 1, participations: 24 });

		const values = workbook.worksheets[2]!.getSheetValues().slice(3) as unknown as (string | null)[][];
		const listed = (column: string) => values.filter((r) => r?.[1] === column).map((r) => String(r[2]));
		const french = translator('fr');
		const typeLabels = Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, french(`type.${type}`)])) as Record<ActivityType, string>;
		expect(listed('Niveau').map(levelOf)).toEqual([...LEVELS]);
		expect(listed('Statut').map(statusOf)).toEqual(['done', 'planned', 'cancelled']);
		expect(listed('Initiative').length).toBeGreaterThan(0);
		expect(listed('Type d’action').length).toBeGreaterThan(0);
		for (const label of listed('Type d’action')) expect(typeOf(label, typeLabels), label).not.toBeNull();
		for (const types of values.filter((r) => r?.[1] === 'Initiative').map((r) => String(r[3]).split(' ; ')))
			for (const label of types) expect(typeOf(label, typeLabels), label).not.toBeNull();
		const communes = listed('Commune');
		expect(communes).toEqual([...communes].sort((a, b) => a.localeCompare(b, 'fr')));
		const [count] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from communes where territory_id = ${territory.scope.territoryId}`);
		expect(communes.length).toBe(Number(count!.n));
	});

	it('a type the initiative does not offer is a problem that names the types it offers', async () => {
		const csv = new TextEncoder().encode(
			['Date;Intitulé;Initiative;Type;Commune;Filles', '05/03/2026;Intervention au collège;CORIF;Intervention en établissement scolaire;Arques;12'].join('\n')
		);
		const summary = await run(csv, true);
		expect(summary.problems.map((p) => ({ line: p.line, column: p.column, message: t(p.key, p.params) }))).toEqual([
			{
				line: 2,
				column: 'Type',
				message: `Le type « Intervention en établissement scolaire » n’est pas proposé pour cette initiative. Types proposés : « ${t('type.screening')} », « ${t('type.training')} ».`
			}
		]);
	});

	it('levels: the row’s level applies to the audiences that have it, the others count as « non précisé »', async () => {
		const renamed = legacyRows().map((r, i) => ({ ...r, title: `${r.title} (niveaux ${i})` }));
		await run((await legacyWorkbook(renamed)).bytes, false);
		const list = await rows(
			database.db,
			sql`select aa.audience, aa.level, aa.count from activity_audiences aa join activities a on a.id = aa.activity_id where a.title = 'Intervention collège Jean Jaurès (niveaux 0)' order by 1`
		);
		expect(list).toEqual([
			{ audience: 'boys', level: 'college', count: 12 },
			{ audience: 'girls', level: 'college', count: 14 },
			{ audience: 'teachers', level: 'unspecified', count: 2 }
		]);
	});

	it('a column mapping names a header the import does not know', async () => {
		const rows = legacyRows().slice(0, 1);
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('A');
		sheet.addRow(['Quand', 'Intitulé', 'Initiative', 'Type', 'Commune', 'Effectif F']);
		sheet.addRow(['14/10/2025', 'Action renommée', rows[0]!.initiative, rows[0]!.type, 'Arques', 4]);
		const bytes = new Uint8Array(await book.xlsx.writeBuffer());
		const unmapped = await run(bytes, true);
		expect(unmapped.problems.map((p) => p.params?.field)).toEqual(['Date']);
		const mapped = await run(bytes, true, { mapping: parseColumnMapping('{"colonnes": {"Quand": "date", "Effectif F": "girls"}}') });
		expect(mapped.problems).toEqual([]);
		expect(mapped.participations).toBe(4);
		expect(await fieldKey(Promise.resolve().then(() => parseColumnMapping('{"colonnes": {"Quand": "jour"}}')))).toBe('spreadsheet.error.mapping');
	});

	it('refuses what is not a spreadsheet, a zip bomb and too many rows, with a French message and nothing written', async () => {
		const before = await countRows(database.db, 'activities');
		expect(await fieldKey(run(new Uint8Array(0), false))).toBe('spreadsheet.error.empty_file');
		expect(await fieldKey(run(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), false))).toBe('spreadsheet.error.kind');
		expect(await fieldKey(run(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), false))).toBe('spreadsheet.error.unreadable');
		expect(
			await fieldKey(
				run(zipOf({ 'xl/worksheets/sheet1.xml': Buffer.alloc(3 * 1024 * 1024, 0x20) }), false, { limits: { bytes: 1e6, rows: 10, unpackedBytes: 1024 * 1024 } })
			)
		).toBe('spreadsheet.error.unpacked_too_large');
		const { bytes } = await legacyWorkbook(legacyRows());
		expect(await fieldKey(run(bytes, false, { limits: { bytes: 1e6, rows: 5, unpackedBytes: 1e8 } }))).toBe('spreadsheet.error.too_many_rows');
		expect(await fieldKey(run(new TextEncoder().encode('a;b\n1;2\n'), false))).toBe('spreadsheet.error.no_header');
		// A text-only PDF, and a text file renamed as a workbook: not spreadsheets, whatever they hold.
		expect(await fieldKey(run(new TextEncoder().encode('%PDF-1.4\nIntitulé;Date\n'), false))).toBe('spreadsheet.error.kind');
		const renamed = { bytes: new TextEncoder().encode('Compte rendu de la réunion\nIntitulé;Date;Initiative\n'), name: 'rapport.xlsx' };
		expect(await fieldKey(importActivities(database.db, territory.scope, actor, renamed, { dryRun: true, today }))).toBe('spreadsheet.error.kind');
		expect(await countRows(database.db, 'activities')).toBe(before);
	});

	it('the import page’s form: its selects name the columns; no file, an empty file, a field that does not exist or a file too large for the page are refused in French', async () => {
		const before = await countRows(database.db, 'activities');
		const formOf = (file: File | null, fields: Record<string, string> = {}) => {
			const form = new FormData();
			if (file) form.set('file', file);
			for (const [name, value] of Object.entries(fields)) form.set(name, value);
			return form;
		};
		const page = (form: FormData) => importUploadedSpreadsheet(database.db, territory.scope, actor, form, { dryRun: true });
		const csv = new TextDecoder('latin1').decode(legacyCsv(legacyRows())).replace('Date;', 'Quand;');
		const renamed = new File([Uint8Array.from(csv, (c) => c.charCodeAt(0))], 'suivi.csv', { type: 'text/csv' });
		expect((await page(formOf(renamed))).problems.map((p) => p.params?.field)).toEqual(['Date']);
		const mapped = await page(formOf(renamed, { 'map:Quand': 'date', 'map:Commentaires': 'ignore', headerRow: '3' }));
		expect(mapped.problems).toEqual([]);
		expect(mapped.columns.find((c) => c.header === 'Commentaires')?.field).toBeNull();
		expect(mapped.samples[0]?.cells[0]).toBe('14/10/2025');
		expect(await fieldKey(page(formOf(null)))).toBe('spreadsheet.error.empty');
		expect(await fieldKey(page(formOf(new File([], 'vide.xlsx'))))).toBe('spreadsheet.error.empty_file');
		expect(await fieldKey(page(formOf(new File([], ''))))).toBe('spreadsheet.error.empty');
		expect(await fieldKey(page(formOf(renamed, { 'map:Quand': 'jour' })))).toBe('spreadsheet.error.mapping');
		expect(await fieldKey(page(formOf(renamed, { headerRow: 'trois' })))).toBe('spreadsheet.error.mapping');
		expect(await fieldKey(page(formOf(new File([new Uint8Array(IMPORT_PAGE_MAX_BYTES + 1).fill(0x3b)], 'gros.csv'))))).toBe('spreadsheet.error.too_large');
		expect(await countRows(database.db, 'activities')).toBe(before);
	});

	it('another territory’s communes and initiatives are unknown here', async () => {
		const rows = legacyRows().slice(0, 1);
		rows[0] = { ...rows[0]!, place: other.communeCode, initiative: 'Autre initiative' };
		const summary = await run((await legacyWorkbook(rows)).bytes, false);
		expect(summary.problems.map((p) => p.key).sort()).toEqual(['spreadsheet.problem.commune', 'spreadsheet.problem.initiative']);
		expect(summary.created).toBe(0);
	});
});
