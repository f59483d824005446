/**
 * The legacy workbook of `npm run bench:import`: activities of the default territory as a French
 * office writes them (title row, headers with synonyms, date cells and typed dates, a Total formula
 * per line, a blank row and a TOTAL row), written with exceljs's streaming writer.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { LEGACY_HEADERS } from '../tests/support/legacy-spreadsheet';

/** Initiatives as offices write them, each with an activity type it offers (as in tests/support/legacy-spreadsheet.ts). */
const INITIATIVES: [string, string][] = [
	['Elles Bougent', 'Intervention en établissement scolaire'],
	["Verr'Elles", "Visite d'entreprise"],
	['VERRELLES', 'Visite entreprise'],
	['capital filles', 'atelier'],
	['CORIF', 'Projection'],
	['Partenariat Elles Bougent', 'Forum, salon']
];
const PLACES = ['Saint-Omer', 'ARQUES', 'St-Omer', 'Hazebrouck', 'Aire sur la Lys', 'Longuenesse', 'Wizernes', '62765', 'Blendecques', 'Fauquembergues'];
const PUPILS = ['3e', '4e', 'Lycée pro', 'BTS', 'Bac pro', 'Lycée général', 'Apprentis'];

/** A legacy workbook of `rows` activities, written with exceljs's streaming writer; returns its path and the sum of its done participations. */
export async function writeWorkbook(file: string, rows: number): Promise<{ participations: number; bytes: number }> {
	const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
	const sheet = book.addWorksheet('Actions');
	sheet.addRow(['Suivi des actions mixité — Territoire d’industrie Flandre – Pays de Saint-Omer']).commit();
	sheet.addRow([]).commit();
	sheet.addRow([...LEGACY_HEADERS]).commit();
	let random = 42;
	const next = (n: number) => {
		random = (random * 1103515245 + 12345) % 2147483648;
		return random % n;
	};
	let participations = 0;
	const first = 4;
	for (let i = 0; i < rows; i++) {
		const line = first + i;
		const women = i % 5 === 0;
		const counts = women ? [0, 0, 1 + next(15), next(4), 0, next(3), 1 + next(10), 0, 0] : [1 + next(20), next(15), 0, 0, 1 + next(2), 0, 0, next(3), 0];
		const sum = counts.reduce((n, c) => n + c, 0);
		participations += sum;
		const day = new Date(Date.UTC(2023, 8, 1) + next(2 * 365) * 86_400_000);
		const row = sheet.addRow([
			i % 2 === 0 ? day : day.toISOString().slice(0, 10).split('-').reverse().join('/'),
			`Action n° ${i + 1}`,
			...INITIATIVES[next(INITIATIVES.length)]!,
			PLACES[next(PLACES.length)],
			'Réalisée',
			women ? '' : PUPILS[next(PUPILS.length)],
			...counts,
			{ formula: `SUM(H${line}:P${line})`, result: sum },
			i % 10 === 0 ? 'Compte rendu envoyé' : null
		]);
		if (i % 2 === 0) row.getCell(1).numFmt = 'dd/mm/yyyy';
		row.commit();
	}
	sheet.addRow([]).commit();
	const last = first + rows - 1;
	sheet.addRow(['TOTAL', ...Array(6).fill(null), ...'HIJKLMNOPQ'.split('').map((c) => ({ formula: `SUM(${c}${first}:${c}${last})`, result: 0 }))]).commit();
	await book.commit();
	return { participations, bytes: (await fs.stat(file)).size };
}

// Run as a script (`node --import tsx bench/legacy-workbook.ts FILE ROWS`), it writes the workbook and
// prints { participations, bytes }: bench/import-xlsx.ts writes it in a child process, so that its
// own memory before the import holds nothing of the writing.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const [file, rows] = process.argv.slice(2);
	console.log(JSON.stringify(await writeWorkbook(file!, Number(rows))));
}
