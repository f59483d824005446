import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/*
 * A legacy spreadsheet of activities as a French office keeps it, made with exceljs: a title row
 * and a blank row above the headers (synonyms, odd case and accents), date cells and typed dates,
 * a Total column written as a formula, blank rows, a TOTAL row of SUM formulas at the bottom.
 * `broken` puts in the mistakes the import must report, one per row; the same file without them
 * (`broken: false`) imports cleanly.
 */

export const LEGACY_HEADERS = [
	'Date',
	'Intitulé',
	'Action du plan',
	"Type d'action",
	'Lieu',
	'Statut',
	'NIVEAU',
	'Nb Filles',
	'Garçons',
	'Femmes',
	'Hommes',
	'Professeurs',
	'Conseillers',
	'Salariés',
	'Parents',
	'Autres',
	'Total',
	'Commentaires'
] as const;

type Counts = [
	girls: number | string,
	boys: number | string,
	women: number | string,
	men: number | string,
	teachers: number | string,
	prescribers: number | string,
	staff: number | string,
	parents: number | string,
	other: number | string
];

export interface LegacyRow {
	date: Date | string | number;
	title: string;
	initiative: string;
	type: string;
	place: string;
	status: string;
	level: string;
	counts: Counts;
	/** A typed total instead of the formula (to make it disagree). */
	total?: number;
	notes?: string;
}

/** The rows of the fixed file: 9 activities, 7 done (counted), 1 planned, 1 cancelled. */
export function legacyRows(): LegacyRow[] {
	return [
		{
			date: new Date(Date.UTC(2025, 9, 14)),
			title: 'Intervention collège Jean Jaurès',
			initiative: 'Elles Bougent',
			type: 'Intervention en établissement scolaire',
			place: 'Saint-Omer',
			status: 'Réalisée',
			level: '3e',
			counts: [14, 12, 0, 0, 2, 0, 0, 0, 0]
		},
		{
			date: '21/10/2025',
			title: 'Visite de la verrerie',
			initiative: "Verr'Elles",
			type: "Visite d'entreprise",
			place: 'ARQUES',
			status: 'réalisée',
			level: 'Lycée pro',
			counts: [9, 6, 0, 0, 1, 0, 0, 0, 0]
		},
		{
			date: '4/11/25',
			title: 'Rencontre marraines',
			initiative: 'VERRELLES',
			type: 'Événement du réseau',
			place: '62765',
			status: 'Réalisée',
			level: '',
			counts: [0, 0, 8, 0, 0, 0, 12, 0, 0]
		},
		{
			date: 45980,
			title: 'Atelier Capital Filles',
			initiative: 'capital filles',
			type: 'atelier',
			place: 'St-Omer',
			status: 'Réalisée',
			level: '4e',
			counts: [11, 0, 0, 0, 1, 0, 0, 3, 0]
		},
		{
			date: '02/12/2025',
			title: 'Projection des portraits',
			initiative: 'CORIF',
			type: 'Projection',
			place: 'Hazebrouck',
			status: 'Réalisée',
			level: 'Demandeuses d’emploi',
			counts: [0, 0, 13, 4, 0, 2, 0, 0, 0]
		},
		{
			date: '09/12/2025',
			title: 'Forum des métiers',
			initiative: 'Partenariat Elles Bougent',
			type: 'Forum, salon',
			place: 'Aire sur la Lys',
			status: 'Réalisée',
			level: 'BTS',
			counts: [7, 15, 0, 0, 0, 0, 0, 0, 2]
		},
		{
			date: '16/12/2025',
			title: 'Séance prescripteurs',
			initiative: 'Portraits CORIF',
			type: 'Séance pour prescripteurs',
			place: 'Longuenesse',
			status: '',
			level: '',
			counts: [0, 0, 0, 0, 0, 9, 0, 0, 0],
			notes: 'Conseillers France Travail'
		},
		{
			date: '10/03/2027',
			title: 'Visite prévue',
			initiative: "Verr'Elles",
			type: 'Visite entreprise',
			place: 'Arques',
			status: 'Prévue',
			level: 'Apprentis',
			counts: [5, 0, 0, 0, 0, 0, 0, 0, 0]
		},
		{
			date: '13/01/2026',
			title: 'Atelier annulé',
			initiative: 'Capital Filles',
			type: 'Atelier collectif',
			place: 'Wizernes',
			status: 'Annulée',
			level: '',
			counts: ['', '', '', '', '', '', '', '', '']
		}
	];
}

/** Participations the done rows of `legacyRows()` add to the indicator. */
export function legacyDoneParticipations(rows = legacyRows()): number {
	return rows
		.filter((r) => r.status !== 'Prévue' && r.status !== 'Annulée')
		.reduce((n, r) => n + r.counts.reduce<number>((m, c) => m + (typeof c === 'number' ? c : 0), 0), 0);
}

/** The mistakes of the broken file: the row (index in legacyRows), the change, and the column the import must name. */
export const LEGACY_MISTAKES: { row: number; change: Partial<LegacyRow>; column: string; message: RegExp }[] = [
	{ row: 0, change: { place: 'Saint-Omr' }, column: 'Lieu', message: /Commune inconnue.*« Saint-Omer »/ },
	{ row: 1, change: { date: '31/02/2026' }, column: 'Date', message: /Date impossible.*31\/02\/2026/ },
	{ row: 2, change: { counts: [0, 0, -8, 0, 0, 0, 12, 0, 0] }, column: 'Femmes', message: /négatif/ },
	{ row: 3, change: { counts: [11.5, 0, 0, 0, 1, 0, 0, 3, 0] }, column: 'Nb Filles', message: /décimal/ },
	{ row: 4, change: { counts: [0, 0, 'treize', 4, 0, 2, 0, 0, 0] }, column: 'Femmes', message: /pas un nombre.*treize/ },
	{ row: 5, change: { total: 30 }, column: 'Total', message: /total \(30\).*somme de la ligne \(24\)/ },
	{ row: 6, change: { initiative: 'Capital Garçons' }, column: 'Action du plan', message: /Initiative inconnue/ },
	{ row: 7, change: { level: '3e', counts: [0, 0, 5, 0, 0, 0, 0, 0, 0] }, column: 'NIVEAU', message: /ne s’applique pas au public « Femmes »/ }
];

export function brokenLegacyRows(): LegacyRow[] {
	const rows = legacyRows();
	for (const m of LEGACY_MISTAKES) rows[m.row] = { ...rows[m.row]!, ...m.change };
	return rows;
}

const DATA_START = 4;

/** The workbook as bytes. Row numbers: title 1, blank 2, headers 3, data from 4 with a blank row after the fourth. */
export async function legacyWorkbook(rows: readonly LegacyRow[]): Promise<{ bytes: Uint8Array; lines: number[] }> {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Actions 2025-2026');
	sheet.getCell('A1').value = 'Suivi des actions mixité — Territoire d’industrie Flandre – Pays de Saint-Omer';
	sheet.getRow(3).values = [...LEGACY_HEADERS];
	const lines: number[] = [];
	let line = DATA_START;
	rows.forEach((r, i) => {
		if (i === 4) line++; // a blank row in the middle
		const row = sheet.getRow(line);
		row.values = [r.date, r.title, r.initiative, r.type, r.place, r.status, r.level, ...r.counts, null, r.notes ?? null];
		if (r.date instanceof Date) row.getCell(1).numFmt = 'dd/mm/yyyy';
		const sum = r.counts.reduce<number>((n, c) => n + (typeof c === 'number' ? c : 0), 0);
		row.getCell(17).value = r.total ?? { formula: `SUM(H${line}:P${line})`, result: sum };
		lines.push(line);
		line++;
	});
	const last = line - 1;
	line++; // a blank row before the total
	const total = sheet.getRow(line);
	total.getCell(1).value = 'TOTAL';
	for (let c = 8; c <= 17; c++) {
		const letter = String.fromCharCode(64 + c);
		total.getCell(c).value = { formula: `SUM(${letter}${DATA_START}:${letter}${last})`, result: 0 };
	}
	return { bytes: new Uint8Array(await book.xlsx.writeBuffer()), lines };
}

/** The same rows as a CSV written by French Excel: `;`, Windows-1252, dd/mm/yyyy, a title line. */
export function legacyCsv(rows: readonly LegacyRow[]): Uint8Array {
	const day = (d: LegacyRow['date']) =>
		d instanceof Date
			? `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`
			: typeof d === 'number'
				? new Date(Date.UTC(1899, 11, 30) + d * 86400000).toISOString().slice(0, 10).split('-').reverse().join('/')
				: d;
	const cell = (v: unknown) => (/[;"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
	const lines = ['Suivi des actions mixité;;;', '', LEGACY_HEADERS.join(';')];
	for (const r of rows) {
		const sum = r.counts.reduce<number>((n, c) => n + (typeof c === 'number' ? c : 0), 0);
		lines.push(
			[
				day(r.date),
				r.title,
				r.initiative,
				r.type,
				r.place,
				r.status,
				r.level,
				...r.counts.map((c) => String(c).replace('.', ',')),
				r.total ?? sum,
				r.notes ?? ''
			]
				.map(cell)
				.join(';')
		);
	}
	lines.push('TOTAL;;;;;;;;;;;;;;;;;');
	return new Uint8Array(iconv.encode(lines.join('\r\n'), 'windows-1252'));
}
