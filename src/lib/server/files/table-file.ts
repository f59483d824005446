/*
 * Tables leaving the platform as files: CSV (UTF-8 with a BOM, `;` by default, CRLF) and XLSX
 * (exceljs, loaded only when used). The one place where a cell is made safe for spreadsheets:
 * every export (activities, audit trail, dashboard, open data) writes through here.
 */

export type TableCell = string | number | null | undefined;

export interface Table {
	/** Column headings, already translated. */
	header: readonly string[];
	rows: readonly (readonly TableCell[])[];
}

export type CsvSeparator = ';' | ',';

/**
 * Characters that make a spreadsheet read a cell as a formula or a command (OWASP "CSV
 * injection"): = + - @, tab and carriage return, and their full-width forms, which some
 * spreadsheets fold into the ASCII ones.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell that no spreadsheet runs as a formula: a leading apostrophe when it starts like one. */
export function neutraliseFormula(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV cell: text neutralised and quoted when needed; a number written as a number (a decimal
 * with a comma when the separator is `;`, as French spreadsheets read it).
 */
export function csvCell(value: TableCell, separator: CsvSeparator = ';'): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return separator === ';' ? String(value).replace('.', ',') : String(value);
	const safe = neutraliseFormula(value);
	return /["\n\r;,]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly TableCell[], separator: CsvSeparator = ';'): string {
	return cells.map((c) => csvCell(c, separator)).join(separator);
}

/** Lines already written by csvLine as one file: UTF-8 BOM and CRLF, what French spreadsheet software opens without asking. */
export function csvFileOf(lines: readonly string[]): string {
	return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * A line above a table: a label and its value. A figure (a share of 52.8 %) is given as a number, so
 * that it is written like the table's own numbers (52,8 with `;`), not as text French spreadsheets misread.
 */
export type PreambleLine = readonly [string, TableCell];

/** A table as a CSV file; `preamble` lines (e.g. the filters) go first, each as label;value. */
export function csvFile(table: Table, options: { separator?: CsvSeparator; preamble?: readonly PreambleLine[] } = {}): string {
	const separator = options.separator ?? ';';
	const lines = (options.preamble ?? []).map(([label, value]) => csvLine([label, value], separator));
	if (lines.length > 0) lines.push('');
	lines.push(csvLine(table.header, separator), ...table.rows.map((r) => csvLine(r, separator)));
	return csvFileOf(lines);
}

export interface XlsxSheet extends Table {
	/** The sheet's tab name (at most 31 characters, no : \ / ? * [ ]). */
	name: string;
	/** A title above everything (bold). */
	title?: string;
	/** Label–value lines written above the table, e.g. the filters applied. */
	preamble?: readonly PreambleLine[];
}

/** Sheets as an XLSX file: numbers as numbers, text neutralised, the header row bold and frozen. */
export async function xlsxFile(sheets: readonly XlsxSheet[]): Promise<Buffer> {
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Mixité Industrie';
	for (const sheet of sheets) {
		const ws = workbook.addWorksheet(sheet.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
		if (sheet.title) ws.addRow([neutraliseFormula(sheet.title)]).font = { bold: true, size: 13 };
		for (const [label, value] of sheet.preamble ?? [])
			ws.addRow([neutraliseFormula(label), typeof value === 'string' ? neutraliseFormula(value) : (value ?? null)]).getCell(1).font = { bold: true };
		if (sheet.title || (sheet.preamble?.length ?? 0) > 0) ws.addRow([]);
		const header = ws.addRow(sheet.header.map(neutraliseFormula));
		header.font = { bold: true };
		ws.views = [{ state: 'frozen', ySplit: header.number }];
		for (const row of sheet.rows) ws.addRow(row.map((c) => (typeof c === 'string' ? neutraliseFormula(c) : (c ?? null))));
		const widths = sheet.header.map((h) => h.length);
		for (const row of sheet.rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c ?? '').length)));
		widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.min(60, Math.max(10, w + 2))));
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
