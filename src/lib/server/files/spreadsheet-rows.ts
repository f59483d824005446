import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { MessageKey } from '../../i18n';
import { ValidationError } from '../shared/errors';
import { loadExcelJs } from './exceljs';

/*
 * The rows of an uploaded spreadsheet, as French offices write them: XLSX (first sheet, formula
 * results, date cells as dates) or CSV (`;` or `,`, UTF-8 or Windows-1252). Limits are checked
 * before the work: the file's size, the unpacked size of an XLSX file (a zip bomb is refused
 * before anything is inflated, then counted again while it is inflated) and the number of rows.
 * XLSX parts are read by a SAX parser that never resolves external entities.
 */

export const SPREADSHEET_LIMITS = { bytes: 20 * 1024 * 1024, rows: 200_000, unpackedBytes: 200 * 1024 * 1024 } as const;
export type SpreadsheetLimits = { bytes: number; rows: number; unpackedBytes: number };

export type SpreadsheetKind = 'xlsx' | 'csv';
/** One row of the sheet: its own row number (as the spreadsheet shows it) and its cells. */
export interface SheetRow {
	line: number;
	cells: unknown[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** XLSX when the bytes are a zip file, CSV when they are text; null for anything else (a PDF, an old .xls). */
export function spreadsheetKind(bytes: Uint8Array): SpreadsheetKind | null {
	if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return 'xlsx';
	const head = bytes.subarray(0, 4096);
	// Old binary Excel (.xls, OLE2) and other binaries have NUL bytes; text does not.
	if (head.includes(0)) return null;
	return 'csv';
}

const refuse = (key: MessageKey, params?: Record<string, string | number>) => new ValidationError({ file: { key, params } });

/** A cell of exceljs as a plain value: formula → its result, rich text → its text, a link → its text. */
function plain(value: unknown): unknown {
	if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return value ?? null;
	const v = value as { result?: unknown; formula?: unknown; sharedFormula?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
	if ('formula' in v || 'sharedFormula' in v) return plain(v.result);
	if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
	if ('text' in v) return plain(v.text);
	if ('error' in v) return String(v.error);
	return null;
}

/** Sums the unpacked size of every part, inflating them (a header may lie); refuses above the limit. */
async function checkUnpackedSize(bytes: Uint8Array, limit: number): Promise<void> {
	const yauzl = await import('yauzl');
	const zip = await new Promise<import('yauzl').ZipFile>((resolve, reject) =>
		yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (err, z) =>
			err ? reject(err) : resolve(z)
		)
	);
	let declared = 0;
	let inflated = 0;
	await new Promise<void>((resolve, reject) => {
		const fail = (error: Error) => {
			zip.close();
			reject(error);
		};
		zip.on('error', fail);
		zip.on('end', () => resolve());
		zip.on('entry', (entry: import('yauzl').Entry) => {
			declared += entry.uncompressedSize;
			if (declared > limit) return fail(refuse('spreadsheet.error.unpacked_too_large', { max: Math.round(limit / 1024 / 1024) }));
			if (entry.fileName.endsWith('/')) return zip.readEntry();
			zip.openReadStream(entry, (err, stream) => {
				if (err || !stream) return fail(err ?? new Error('zip'));
				stream.on('data', (chunk: Buffer) => {
					inflated += chunk.length;
					if (inflated > limit) {
						stream.destroy();
						fail(refuse('spreadsheet.error.unpacked_too_large', { max: Math.round(limit / 1024 / 1024) }));
					}
				});
				stream.on('error', fail);
				stream.on('end', () => zip.readEntry());
			});
		});
		zip.readEntry();
	});
}

async function readXlsx(bytes: Uint8Array, limits: SpreadsheetLimits, onRow?: (line: number) => void): Promise<SheetRow[]> {
	try {
		await checkUnpackedSize(bytes, limits.unpackedBytes);
	} catch (error) {
		if (error instanceof ValidationError) throw error;
		throw refuse('spreadsheet.error.unreadable');
	}
	const ExcelJS = await loadExcelJs();
	const rows: SheetRow[] = [];
	try {
		const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), {
			worksheets: 'emit',
			sharedStrings: 'cache',
			styles: 'cache',
			hyperlinks: 'ignore',
			entries: 'ignore'
		});
		for await (const sheet of reader) {
			for await (const row of sheet as AsyncIterable<{ number: number; values: unknown[] }>) {
				if (rows.length >= limits.rows) throw refuse('spreadsheet.error.too_many_rows', { max: limits.rows });
				// exceljs's values start at index 1 (column A) and leave holes for empty cells.
				const values = Array.isArray(row.values) ? row.values : [];
				const cells: unknown[] = [];
				for (let i = 1; i < values.length; i++) cells.push(plain(values[i]));
				// A blank row is absent from the sheet's XML: it is given back as a row without cells.
				for (let line = (rows.at(-1)?.line ?? 0) + 1; line < row.number; line++) rows.push({ line, cells: [] });
				rows.push({ line: row.number, cells });
				onRow?.(row.number);
			}
			break; // the first sheet only
		}
	} catch (error) {
		if (error instanceof ValidationError) throw error;
		throw refuse('spreadsheet.error.unreadable');
	}
	return rows;
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, Windows-1252 otherwise (Excel's "CSV (séparateur : point-virgule)"). */
export function decodeText(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

/** `;` when the first lines have one (French Excel's separator), then tab, then `,`. */
function delimiterOf(text: string): string {
	const head = text.slice(0, 16384).split(/\r?\n/).slice(0, 20).join('\n');
	if (head.includes(';')) return ';';
	if (head.includes('\t')) return '\t';
	return ',';
}

async function readCsv(bytes: Uint8Array, limits: SpreadsheetLimits, onRow?: (line: number) => void): Promise<SheetRow[]> {
	const text = decodeText(bytes);
	const rows: SheetRow[] = [];
	const parser = Readable.from([text]).pipe(
		parse({ delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true, trim: false })
	);
	try {
		for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
			if (rows.length >= limits.rows) throw refuse('spreadsheet.error.too_many_rows', { max: limits.rows });
			rows.push({ line: info.lines, cells: record });
			onRow?.(info.lines);
		}
	} catch (error) {
		parser.destroy();
		if (error instanceof ValidationError) throw error;
		throw refuse('spreadsheet.error.unreadable');
	}
	return rows;
}

/**
 * Reads an upload's rows. A file that is neither XLSX nor CSV, too large, a zip bomb or with too
 * many rows is a French error next to the file field, before any row is used.
 */
export async function readSpreadsheetRows(
	bytes: Uint8Array,
	options: { limits?: SpreadsheetLimits; onRow?: (line: number) => void } = {}
): Promise<{ kind: SpreadsheetKind; rows: SheetRow[] }> {
	const limits = options.limits ?? SPREADSHEET_LIMITS;
	if (bytes.byteLength === 0) throw refuse('spreadsheet.error.empty');
	if (bytes.byteLength > limits.bytes) throw refuse('spreadsheet.error.too_large', { max: Math.round(limits.bytes / 1024 / 1024) });
	const kind = spreadsheetKind(bytes);
	if (!kind) throw refuse('spreadsheet.error.kind');
	const rows = kind === 'xlsx' ? await readXlsx(bytes, limits, options.onRow) : await readCsv(bytes, limits, options.onRow);
	return { kind, rows };
}
