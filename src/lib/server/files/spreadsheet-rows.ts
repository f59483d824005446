import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { MessageKey } from '../../i18n';
import { ValidationError } from '../shared/errors';
import { readXlsxRows, XlsxTooLargeError } from './xlsx-rows';

/*
 * The rows of an uploaded spreadsheet, as French offices write them: XLSX (first sheet, formula
 * results, date cells as dates) or CSV (`;` or `,`, UTF-8 or Windows-1252). Limits are checked
 * before the work: the file's size, the unpacked size of an XLSX file (a zip bomb is refused
 * before anything is inflated, and each part is held to its declared size while it is inflated)
 * and the number of rows. XLSX parts are read by a SAX parser that never resolves external
 * entities (xlsx-rows.ts).
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

/** The start of a PDF file, which may otherwise pass for text. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46];

/**
 * XLSX when the bytes are a zip file, CSV when they are text; null for anything else: a PDF, an
 * old .xls, or a file named as a workbook (.xlsx, .xls) that is not one (another file renamed).
 */
export function spreadsheetKind(bytes: Uint8Array, name?: string): SpreadsheetKind | null {
	if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return 'xlsx';
	if (name && /\.(xlsx|xlsm|xls)$/i.test(name.trim())) return null;
	if (PDF_MAGIC.every((b, i) => bytes[i] === b)) return null;
	const head = bytes.subarray(0, 4096);
	// Old binary Excel (.xls, OLE2) and other binaries have NUL bytes; text does not.
	if (head.includes(0)) return null;
	return 'csv';
}

const refuse = (key: MessageKey, params?: Record<string, string | number>) => new ValidationError({ file: { key, params } });

/** An error of whoever reads the rows (not of the file): it goes up as it is, not as an unreadable file. */
class ConsumerError extends Error {
	constructor(readonly error: unknown) {
		super('row consumer failed');
	}
}

/** The caller's `between`, whose failure (a write that failed, say) goes up as it is, not as an unreadable file. */
function consumerBetween(between: Between | undefined): Between | undefined {
	if (!between) return undefined;
	const wrap = (error: unknown) => new ConsumerError(error);
	return () => {
		let hold: Promise<void> | void;
		try {
			hold = between();
		} catch (error) {
			throw wrap(error);
		}
		return hold?.catch((error: unknown) => {
			throw wrap(error);
		});
	};
}

/** Counts the rows given to `onRow` and refuses the file past the limit. */
function counted(limits: SpreadsheetLimits, onRow: (row: SheetRow) => void): (row: SheetRow) => void {
	let rows = 0;
	return (row) => {
		if (rows++ >= limits.rows) throw refuse('spreadsheet.error.too_many_rows', { max: limits.rows });
		try {
			onRow(row);
		} catch (error) {
			throw error instanceof ValidationError ? error : new ConsumerError(error);
		}
	};
}

async function readXlsx(bytes: Uint8Array, limits: SpreadsheetLimits, onRow: (row: SheetRow) => void, between?: Between): Promise<void> {
	const give = counted(limits, onRow);
	let last = 0;
	try {
		await readXlsxRows(bytes, {
			unpackedBytes: limits.unpackedBytes,
			between,
			onRow: (row) => {
				// A blank row is absent from the sheet's XML: it is given back as a row without cells.
				for (let line = last + 1; line < row.line; line++) give({ line, cells: [] });
				last = row.line;
				give(row);
			}
		});
	} catch (error) {
		if (error instanceof ValidationError) throw error;
		if (error instanceof ConsumerError) throw error.error;
		if (error instanceof XlsxTooLargeError) throw refuse('spreadsheet.error.unpacked_too_large', { max: Math.round(limits.unpackedBytes / 1024 / 1024) });
		throw refuse('spreadsheet.error.unreadable');
	}
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, Windows-1252 otherwise (Excel's "CSV (séparateur : point-virgule)"). */
export function decodeText(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		// Not TextDecoder('windows-1252'): Node 20 decodes it as ISO-8859-1, so – œ ’ € … (0x80–0x9F)
		// came out as control characters (a new user's CSV: « Dennebr\u009cucq » refused).
		return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
	}
}

/** `;` when the first lines have one (French Excel's separator), then tab, then `,`. */
function delimiterOf(text: string): string {
	const head = text.slice(0, 16384).split(/\r?\n/).slice(0, 20).join('\n');
	if (head.includes(';')) return ';';
	if (head.includes('\t')) return '\t';
	return ',';
}

async function readCsv(bytes: Uint8Array, limits: SpreadsheetLimits, onRow: (row: SheetRow) => void, between?: Between): Promise<void> {
	const text = decodeText(bytes);
	const give = counted(limits, onRow);
	const parser = Readable.from([text]).pipe(
		parse({ delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true, trim: false })
	);
	try {
		for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
			give({ line: info.lines, cells: record });
			await between?.();
		}
	} catch (error) {
		parser.destroy();
		if (error instanceof ValidationError) throw error;
		if (error instanceof ConsumerError) throw error.error;
		throw refuse('spreadsheet.error.unreadable');
	}
}

/** Awaited now and then while a file is read: the reader of the rows holds the reading while it catches up. */
type Between = () => Promise<void> | void;

/**
 * Gives an upload's rows one at a time, in the sheet's order, as they are read (the import checks
 * and writes them without holding the whole sheet); `between` is awaited between chunks of the
 * file. A file that is neither XLSX nor CSV, too large or a zip bomb is a French error next to
 * the file field before any row is given; a file with too many rows, when the first row past the
 * limit is reached.
 */
export async function eachSpreadsheetRow(
	bytes: Uint8Array,
	options: { limits?: SpreadsheetLimits; between?: Between; name?: string },
	onRow: (row: SheetRow) => void
): Promise<SpreadsheetKind> {
	const limits = options.limits ?? SPREADSHEET_LIMITS;
	if (bytes.byteLength === 0) throw refuse('spreadsheet.error.empty_file');
	if (bytes.byteLength > limits.bytes) throw refuse('spreadsheet.error.too_large', { max: Math.round(limits.bytes / 1024 / 1024) });
	const kind = spreadsheetKind(bytes, options.name);
	if (!kind) throw refuse('spreadsheet.error.kind');
	const between = consumerBetween(options.between);
	await (kind === 'xlsx' ? readXlsx(bytes, limits, onRow, between) : readCsv(bytes, limits, onRow, between));
	return kind;
}

/** An upload's rows, all of them (`eachSpreadsheetRow` collected). */
export async function readSpreadsheetRows(
	bytes: Uint8Array,
	options: { limits?: SpreadsheetLimits } = {}
): Promise<{ kind: SpreadsheetKind; rows: SheetRow[] }> {
	const rows: SheetRow[] = [];
	const kind = await eachSpreadsheetRow(bytes, options, (row) => rows.push(row));
	return { kind, rows };
}
