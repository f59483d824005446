import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { formatNumber, translatePlural, translator, type Locale, type MessageKey } from '../../i18n';
import type { PresentedSheet } from './sheet.presenters';

/*
 * The sheet as a PDF, drawn on the server with pdfkit. The text font is DejaVu Sans, embedded
 * (@fontsource/dejavu-sans): pdfkit's built-in Helvetica lacks ’ « » – and the narrow no-break
 * space that French number grouping uses, which would come out as wrong glyphs.
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

const COLOURS = { text: '#1b1b1b', muted: '#555555', accent: '#6a1b6e' } as const;
const MARGIN = 56;

export async function renderSheetPdf(sheet: PresentedSheet, locale: Locale, options: { rawWoff?: boolean } = {}): Promise<Buffer> {
	const t = translator(locale);
	const colon = t('text.colon');
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
		bufferPages: true,
		lang: locale === 'fr' ? 'fr-FR' : 'en-GB',
		info: { Title: `${t('sheet.title')} — ${sheet.title}`, Subject: sheet.territory.name, Author: sheet.territory.name }
	});
	// rawWoff: the files as they are, only for the benchmark that measures why they are converted.
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

	const width = doc.page.width - 2 * MARGIN;
	const para = (text: string, options: PDFKit.Mixins.TextOptions = {}) =>
		doc
			.font('body')
			.fontSize(10.5)
			.fillColor(COLOURS.text)
			.text(text, { width, lineGap: 2, paragraphGap: 6, ...options });
	/** A heading never ends a page alone: it moves to the next page with room for a few lines. */
	const heading = (key: MessageKey) => {
		if (doc.y + 90 > doc.page.height - doc.page.margins.bottom) doc.addPage();
		doc.moveDown(0.6);
		doc.font('bold').fontSize(14).fillColor(COLOURS.accent).text(t(key), { width });
		doc.moveDown(0.3);
	};
	const bullets = (items: string[]) => {
		if (items.length === 0) return para(t('sheet.none'));
		for (const item of items) para(`•  ${item}`, { indent: 0, paragraphGap: 3 });
		doc.moveDown(0.3);
	};
	const labelled = (label: string, value: string) =>
		doc
			.font('bold')
			.fontSize(10)
			.fillColor(COLOURS.muted)
			.text(`${label}${colon} `, { width, continued: true })
			.font('body')
			.fillColor(COLOURS.text)
			.text(value, { lineGap: 1 });

	doc
		.font('bold')
		.fontSize(9)
		.fillColor(COLOURS.muted)
		.text(`${t('sheet.title').toUpperCase()} — ${sheet.territory.name}`, { width });
	doc.moveDown(0.4);
	doc.font('bold').fontSize(18).fillColor(COLOURS.text).text(sheet.title, { width });
	doc.moveDown(0.4);
	if (sheet.summary) para(sheet.summary);
	if (sheet.copiedFrom) para(t('sheet.copied_from', { territory: sheet.copiedFrom.name }), { paragraphGap: 2 });

	heading('sheet.findings');
	if (sheet.findings.length === 0) para(t('sheet.none'));
	for (const finding of sheet.findings) para(finding);

	heading('sheet.achievements');
	para(translatePlural(locale, 'sheet.achievements_intro', sheet.achievements.length));
	for (const a of sheet.achievements) {
		if (doc.y + 70 > doc.page.height - doc.page.margins.bottom) doc.addPage();
		doc.moveDown(0.3);
		doc.font('bold').fontSize(11.5).fillColor(COLOURS.text).text(a.name, { width });
		para(a.description, { paragraphGap: 3 });
		if (a.lead.length) labelled(t('sheet.lead'), a.lead.join(', '));
		if (a.partners.length) labelled(t('sheet.partners'), a.partners.join(', '));
		if (a.networks.length) labelled(t('sheet.networks'), a.networks.join(', '));
		labelled(
			t('sheet.status'),
			[
				t(`initiative_status.${a.status}` as MessageKey),
				translatePlural(locale, 'activities.n_participations', a.participations),
				translatePlural(locale, 'sheet.activities_done', a.activities)
			].join(' · ')
		);
		doc.moveDown(0.4);
	}

	heading('sheet.obstacles');
	if (sheet.obstacles.length === 0) para(t('sheet.none'));
	for (const obstacle of sheet.obstacles) para(obstacle);

	heading('sheet.objectives');
	para(t('sheet.objectives_intro'), { paragraphGap: 3 });
	bullets(sheet.objectives.map((o) => o.title));

	heading('sheet.stakeholders');
	bullets(sheet.stakeholders.map((s) => `${s.name} (${s.roles.map((r) => t(`stakeholder_role.${r}` as MessageKey).toLocaleLowerCase(locale)).join(', ')})`));

	heading('sheet.indicators');
	if (sheet.indicator.text) para(sheet.indicator.text);
	doc.moveDown(0.2);
	doc.font('bold').fontSize(24).fillColor(COLOURS.accent).text(formatNumber(locale, sheet.indicator.participations), { width });
	doc.font('bold').fontSize(11).fillColor(COLOURS.text).text(t('sheet.live_total'), { width, paragraphGap: 4 });
	para(translatePlural(locale, 'sheet.activities_done', sheet.indicator.activities), { paragraphGap: 3 });
	para(t('sheet.method'), { paragraphGap: 3 });
	doc
		.font('italic')
		.fontSize(9)
		.fillColor(COLOURS.muted)
		.text(t('sheet.as_of', { date: sheet.indicator.asOf }), { width });

	if (sheet.quote) {
		if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
		doc.moveDown(1);
		const open = locale === 'fr' ? '«\u00a0' : '“';
		const close = locale === 'fr' ? '\u00a0»' : '”';
		doc.font('bold').fontSize(13).fillColor(COLOURS.accent).text(`${open}${sheet.quote}${close}`, { width, align: 'center' });
	}

	if (sheet.contacts.length) {
		heading('sheet.contacts');
		bullets(sheet.contacts.map((c) => [[c.name, c.role].filter(Boolean).join(', '), c.organisation, c.email].filter(Boolean).join(' — ')));
	}

	const footer = t('sheet.pdf_footer', { territory: sheet.territory.name, date: sheet.indicator.asOf });
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc
			.font('body')
			.fontSize(8)
			.fillColor(COLOURS.muted)
			.text(`${footer} — ${i + 1}/${range.count}`, MARGIN, doc.page.height - MARGIN, { width, align: 'center', lineBreak: false });
		doc.page.margins.bottom = bottom;
	}
	doc.end();
	return done;
}
