import { StringDecoder } from 'node:string_decoder';
import type { Entry, ZipFile } from 'yauzl';

/*
 * The rows of an XLSX file's first sheet, read part by part straight from the zip (yauzl) with
 * a SAX parser (saxes, which never resolves external entities), as values: a number, a string, a
 * boolean, a Date for a number cell whose format is a date, or null. A formula gives its cached
 * result. Only what the import needs is kept: no styles beyond the date formats, no shapes.
 *
 * Why not exceljs's streaming reader: it builds a Row, a Cell and a style object for every cell,
 * and on a 100,000-row sheet that took 11 s of CPU where this reader takes a fraction (bench:import).
 * exceljs still writes the platform's XLSX files (table-file.ts).
 *
 * The zip's declared sizes are summed before anything is inflated (a zip bomb is refused there),
 * and every part read is held to its declared size while it is inflated (yauzl's
 * validateEntrySizes), so a lying header cannot inflate more than was declared.
 */

export type XlsxCell = string | number | boolean | Date | null;
export interface XlsxRow {
	/** The row number as the spreadsheet shows it (1 for the first row). */
	line: number;
	cells: XlsxCell[];
}

export class XlsxTooLargeError extends Error {}
export class XlsxUnreadableError extends Error {}

/** Built-in number formats that show a date or a time (ECMA-376 §18.8.30, with the East-Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([
	14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58
]);

/** A custom format shows a date when, out of its quoted text and [colour]/[locale] parts, it has a day, month, year or hour code. */
export function isDateFormat(code: string): boolean {
	const bare = code
		.replace(/\[[^\]]*\]/g, '')
		.replace(/"[^"]*"/g, '')
		.replace(/\\./g, '');
	return /[dmyhse]/i.test(bare.replace(/General/gi, ''));
}

type Sax = import('saxes').SaxesParser;

/** A tag's name without its namespace prefix (`x:row` → `row`: some writers prefix the main namespace). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

async function openZip(bytes: Uint8Array): Promise<ZipFile> {
	const yauzl = await import('yauzl');
	return new Promise((resolve, reject) =>
		yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
			err || !zip ? reject(new XlsxUnreadableError(err?.message)) : resolve(zip)
		)
	);
}

/** Every entry of the zip's central directory, by name; refused when their declared sizes add up above `limit`. */
async function entriesOf(zip: ZipFile, limit: number): Promise<Map<string, Entry>> {
	const entries = new Map<string, Entry>();
	let declared = 0;
	await new Promise<void>((resolve, reject) => {
		zip.on('error', (e: Error) => reject(new XlsxUnreadableError(e.message)));
		zip.on('end', () => resolve());
		zip.on('entry', (entry: Entry) => {
			declared += entry.uncompressedSize;
			if (declared > limit) return reject(new XlsxTooLargeError());
			entries.set(entry.fileName.replace(/^\//, ''), entry);
			zip.readEntry();
		});
		zip.readEntry();
	});
	return entries;
}

/**
 * Feeds one part of the zip, as text (one UTF-8 decoder across its chunks), to a new SAX parser
 * set up by `listen`. A handler that calls `stop(error)` ends the reading with that error as is.
 */
async function parsePart(
	zip: ZipFile,
	entry: Entry | undefined,
	listen: (parser: Sax, stop: (error: unknown) => void) => void,
	between?: () => Promise<void> | void
): Promise<void> {
	if (!entry) return;
	const { SaxesParser } = await import('saxes');
	const parser = new SaxesParser();
	let stopped: { error: unknown } | undefined;
	listen(parser, (error) => (stopped ??= { error }));
	let failure: Error | undefined;
	parser.on('error', (e) => (failure ??= e));
	const decoder = new StringDecoder('utf8');
	try {
		const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
			zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('zip')) : resolve(s)))
		);
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			parser.write(decoder.write(chunk));
			if (stopped || failure) break;
			try {
				await between?.();
			} catch (error) {
				// The caller's own error (not the file's): it goes up as it is.
				stopped ??= { error };
				break;
			}
		}
		if (!stopped && !failure) {
			parser.write(decoder.end());
			parser.close();
		}
	} catch (error) {
		throw new XlsxUnreadableError(error instanceof Error ? error.message : String(error));
	}
	if (stopped) throw stopped.error;
	if (failure) throw new XlsxUnreadableError(failure.message);
}

/** `xl/worksheets/sheet1.xml` from a relationship's target, relative to `xl/` or absolute. */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/\/\.\//g, '/');

/** "AB12" → 27 (0 for column A); -1 without letters. */
function columnIndex(ref: string): number {
	let index = 0;
	let i = 0;
	for (; i < ref.length; i++) {
		const code = ref.charCodeAt(i);
		if (code < 65 || code > 90) break;
		index = index * 26 + (code - 64);
	}
	return i === 0 ? -1 : index - 1;
}

/** An Excel serial day (1900 system, or 1904) as a UTC date, as exceljs and Excel read it. */
function dateOfSerial(serial: number, date1904: boolean): Date {
	return new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000));
}

/** Where the workbook's parts are, and its date system (`xl/workbook.xml` and its relationships). */
async function readWorkbookParts(zip: ZipFile, entries: Map<string, Entry>) {
	let date1904 = false;
	let firstSheetId: string | null = null;
	await parsePart(zip, entries.get('xl/workbook.xml'), (p) =>
		p.on('opentag', (tag) => {
			const attributes = tag.attributes as Record<string, string>;
			if (local(tag.name) === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
			else if (local(tag.name) === 'sheet' && firstSheetId === null)
				firstSheetId = Object.entries(attributes).find(([name]) => name.endsWith(':id'))?.[1] ?? null;
		})
	);
	const parts = { date1904, sheet: 'xl/worksheets/sheet1.xml', sharedStrings: 'xl/sharedStrings.xml', styles: 'xl/styles.xml' };
	await parsePart(zip, entries.get('xl/_rels/workbook.xml.rels'), (p) =>
		p.on('opentag', (tag) => {
			if (tag.name !== 'Relationship') return;
			const { Id, Type = '', Target = '' } = tag.attributes as Record<string, string>;
			if (Id === firstSheetId) parts.sheet = partPath(Target);
			else if (Type.endsWith('/sharedStrings')) parts.sharedStrings = partPath(Target);
			else if (Type.endsWith('/styles')) parts.styles = partPath(Target);
		})
	);
	return parts;
}

/** Which cell formats (the `s` of a cell, by index) show a date (`xl/styles.xml`). */
async function readDateStyles(zip: ZipFile, entry: Entry | undefined): Promise<boolean[]> {
	const dateFormatIds = new Set(BUILT_IN_DATE_FORMATS);
	const dateStyles: boolean[] = [];
	let inCellXfs = false;
	await parsePart(zip, entry, (p) => {
		p.on('opentag', (tag) => {
			const attributes = tag.attributes as Record<string, string>;
			if (local(tag.name) === 'numFmt' && isDateFormat(attributes.formatCode ?? '')) dateFormatIds.add(Number(attributes.numFmtId));
			else if (local(tag.name) === 'cellXfs') inCellXfs = true;
			else if (local(tag.name) === 'xf' && inCellXfs) dateStyles.push(dateFormatIds.has(Number(attributes.numFmtId ?? 0)));
		});
		p.on('closetag', (tag) => {
			if (local(tag.name) === 'cellXfs') inCellXfs = false;
		});
	});
	return dateStyles;
}

/** The shared strings: the text of each <si>, its runs joined, phonetic guides (<rPh>) left out. */
async function readSharedStrings(zip: ZipFile, entry: Entry | undefined): Promise<string[]> {
	const sharedStrings: string[] = [];
	let text = '';
	let inText = false;
	let phonetic = 0;
	await parsePart(zip, entry, (p) => {
		p.on('opentag', (tag) => {
			if (local(tag.name) === 't') inText = phonetic === 0;
			else if (local(tag.name) === 'rPh') phonetic++;
			else if (local(tag.name) === 'si') text = '';
		});
		p.on('text', (t) => {
			if (inText) text += t;
		});
		p.on('closetag', (tag) => {
			if (local(tag.name) === 't') inText = false;
			else if (local(tag.name) === 'rPh') phonetic--;
			else if (local(tag.name) === 'si') sharedStrings.push(text);
		});
	});
	return sharedStrings;
}

/** What a cell's value means, from its type (`t`), its text and its style: a cell of the sheet as the import reads it. */
function cellValue(type: string, value: string, isDate: boolean, lookup: { sharedStrings: string[]; date1904: boolean }): XlsxCell {
	if (type === 'inlineStr' || type === 'str') return value;
	if (value === '') return null;
	if (type === 's') return lookup.sharedStrings[Number(value)] ?? null;
	if (type === 'b') return value === '1' || value === 'true';
	if (type === 'e') return value;
	if (type === 'd') return Number.isNaN(Date.parse(value)) ? value : new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
	const n = Number(value);
	return Number.isNaN(n) ? value : isDate ? dateOfSerial(n, lookup.date1904) : n;
}

/**
 * The SAX handlers of the sheet: each <row> given to `onRow` with its cells, each <c> read from its
 * <v> (or an inline string's <t>, not in a phonetic guide) by `cellValue`.
 */
function listenToSheet(
	p: Sax,
	stop: (error: unknown) => void,
	lookup: { sharedStrings: string[]; dateStyles: boolean[]; date1904: boolean },
	onRow: (row: XlsxRow) => void
): void {
	let line = 0;
	let cells: XlsxCell[] = [];
	let column = -1;
	let type = '';
	let style = 0;
	let value = '';
	/** 'v' inside <v>, 't' inside an inline string's <t> (not in a phonetic guide), '' elsewhere. */
	let capture: '' | 'v' | 't' = '';
	let inInline = false;
	let phonetic = 0;
	p.on('opentag', (tag) => {
		switch (local(tag.name)) {
			case 'row': {
				const r = (tag.attributes as Record<string, string>).r;
				line = r ? Number(r) : line + 1;
				cells = [];
				column = -1;
				break;
			}
			case 'c': {
				const { r, t, s } = tag.attributes as Record<string, string>;
				const index = r ? columnIndex(r) : -1;
				column = index >= 0 ? index : column + 1;
				type = t ?? 'n';
				style = s ? Number(s) : 0;
				value = '';
				capture = '';
				break;
			}
			case 'v':
				capture = 'v';
				break;
			case 'is':
				inInline = true;
				break;
			case 'rPh':
				phonetic++;
				break;
			case 't':
				if (inInline && phonetic === 0) capture = 't';
				break;
		}
	});
	p.on('text', (t) => {
		if (capture !== '') value += t;
	});
	p.on('closetag', (tag) => {
		switch (local(tag.name)) {
			case 'v':
			case 't':
				capture = '';
				break;
			case 'is':
				inInline = false;
				break;
			case 'rPh':
				phonetic--;
				break;
			case 'c':
				while (cells.length < column) cells.push(null);
				cells[column] = cellValue(type, value, lookup.dateStyles[style] === true, lookup);
				break;
			case 'row':
				try {
					onRow({ line, cells });
				} catch (error) {
					stop(error);
				}
				break;
		}
	});
}

/**
 * The first sheet's rows in order, each with its own row number. Rows absent from the XML (blank
 * in the spreadsheet) are not given: the caller sees the gap in the numbers. `onRow` is called
 * for every row read, and may throw to stop the reading (a limit on rows). `between` is awaited
 * between two chunks of the sheet: the caller holds the reading while it catches up, or throws to
 * stop it (its error goes up as it is).
 */
export async function readXlsxRows(
	bytes: Uint8Array,
	options: { unpackedBytes: number; onRow: (row: XlsxRow) => void; between?: () => Promise<void> | void }
): Promise<void> {
	const zip = await openZip(bytes);
	try {
		const entries = await entriesOf(zip, options.unpackedBytes);
		const parts = await readWorkbookParts(zip, entries);
		const lookup = {
			date1904: parts.date1904,
			dateStyles: await readDateStyles(zip, entries.get(parts.styles)),
			sharedStrings: await readSharedStrings(zip, entries.get(parts.sharedStrings))
		};
		const sheet = entries.get(parts.sheet);
		if (!sheet) throw new XlsxUnreadableError('no sheet');
		await parsePart(zip, sheet, (p, stop) => listenToSheet(p, stop, lookup, options.onRow), options.between);
	} finally {
		zip.close();
	}
}
