import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../i18n';

/*
 * What every PDF of the platform shares (the action sheet, the yearly report): an A4 page, the
 * embedded DejaVu Sans fonts, the document's language and title, a tagged structure, and the
 * footer on every page. The text font is DejaVu Sans (@fontsource/dejavu-sans): pdfkit's built-in
 * Helvetica lacks ’ « » – and the narrow no-break space that French number grouping uses, which
 * would come out as wrong glyphs.
 */

const fontFile = (weight: 400 | 700, style: 'normal' | 'italic' = 'normal') =>
	createRequire(import.meta.url).resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${weight}-${style}.woff`);

/**
 * WOFF 1.0 → TrueType (the same tables, inflated), once per font. pdfkit reads a WOFF file by
 * inflating a table again for each glyph it looks up: 1.7 s per document instead of 0.15 s
 * (`npm run bench:pdf`, in BENCHMARKS.md), which a public endpoint cannot afford.
 */
export function woffToSfnt(woff: Buffer): Buffer {
	if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
	const numTables = woff.readUInt16BE(12);
	const tables = Array.from({ length: numTables }, (_, i) => {
		const at = 44 + 20 * i;
		const [offset, compLength, origLength] = [woff.readUInt32BE(at + 4), woff.readUInt32BE(at + 8), woff.readUInt32BE(at + 12)];
		const stored = woff.subarray(offset, offset + compLength);
		return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(stored) : stored };
	});
	const entrySelector = Math.floor(Math.log2(numTables));
	const searchRange = 2 ** entrySelector * 16;
	const header = Buffer.alloc(12 + 16 * numTables);
	woff.copy(header, 0, 4, 8);
	header.writeUInt16BE(numTables, 4);
	header.writeUInt16BE(searchRange, 6);
	header.writeUInt16BE(entrySelector, 8);
	header.writeUInt16BE(numTables * 16 - searchRange, 10);
	const bodies: Buffer[] = [];
	let offset = header.length;
	tables.forEach((table, i) => {
		const at = 12 + 16 * i;
		table.tag.copy(header, at);
		header.writeUInt32BE(table.checksum, at + 4);
		header.writeUInt32BE(offset, at + 8);
		header.writeUInt32BE(table.data.length, at + 12);
		const padded = Buffer.alloc((table.data.length + 3) & ~3);
		table.data.copy(padded);
		bodies.push(padded);
		offset += padded.length;
	});
	return Buffer.concat([header, ...bodies]);
}

const fonts = new Map<string, Buffer>();
function font(weight: 400 | 700, style: 'normal' | 'italic' = 'normal'): Buffer {
	const file = fontFile(weight, style);
	let sfnt = fonts.get(file);
	if (!sfnt) fonts.set(file, (sfnt = woffToSfnt(readFileSync(file))));
	return sfnt;
}

export const PDF_COLOURS = { text: '#1b1b1b', muted: '#555555', accent: '#6a1b6e', light: '#c9a3cb', rule: '#bbbbbb' } as const;
export const PDF_MARGIN = 56;

export interface PlatformPdf {
	doc: PDFKit.PDFDocument;
	/** The text width between the margins. */
	width: number;
	/** The bytes, once `finishPdf` has been called. */
	done: Promise<Buffer>;
}

/**
 * A new A4 document with the fonts `body`, `bold` and `italic` registered, its language, its
 * title shown in the reader's title bar, and a structure tree (tagged PDF) the caller fills with
 * `doc.struct` (tagged: false for a document that does not structure its content). rawWoff: the
 * font files as they are, only for the benchmark that measures why they are converted.
 */
export function openPdf(
	locale: Locale,
	info: { Title: string; Subject: string; Author: string },
	options: { rawWoff?: boolean; tagged?: boolean } = {}
): PlatformPdf {
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: PDF_MARGIN, bottom: PDF_MARGIN + 14, left: PDF_MARGIN, right: PDF_MARGIN },
		bufferPages: true,
		tagged: options.tagged ?? true,
		displayTitle: true,
		lang: locale === 'fr' ? 'fr-FR' : 'en-GB',
		info
	});
	const load = options.rawWoff ? fontFile : font;
	doc.registerFont('body', load(400));
	doc.registerFont('bold', load(700));
	doc.registerFont('italic', load(400, 'italic'));
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	return { doc, width: doc.page.width - 2 * PDF_MARGIN, done };
}

/**
 * Writes `footer — page/pages` at the foot of every page, marked as a pagination artifact (not part
 * of the text a screen reader reads), then ends the document.
 */
export function finishPdf(pdf: PlatformPdf, footer: string): Promise<Buffer> {
	const { doc, width } = pdf;
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc.markContent('Artifact', { type: 'Pagination' });
		doc
			.font('body')
			.fontSize(8)
			.fillColor(PDF_COLOURS.muted)
			.text(`${footer} — ${i + 1}/${range.count}`, PDF_MARGIN, doc.page.height - PDF_MARGIN, { width, align: 'center', lineBreak: false });
		doc.endMarkedContent();
		doc.page.margins.bottom = bottom;
	}
	doc.end();
	return pdf.done;
}

/** Whether `height` more points fit on the page; otherwise a new page is added. */
export function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
	if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}
