import { formatNumber, translator, type Locale, type MessageKey, type Translate } from '../../i18n';
import { ensureRoom, openPdf, PDF_COLOURS as COLOURS, PDF_MARGIN as X, type PlatformPdf } from '../shared/pdf';
import type { YearlyReport } from './report.usecases';

/*
 * The yearly report's drawing primitives (page, fonts and footer: shared/pdf.ts): the document
 * opened with its structure tree, the report's fills, the words of its language, and the tagged
 * blocks every section draws with (a paragraph, the headings, a labelled line); an artifact is drawn
 * outside the structure (rules and backgrounds).
 */

export const FILL = { header: '#f3e9f4', previous: '#c9a3cb', current: '#6a1b6e', box: '#faf5fa' } as const;

/** The report being drawn: its figures, its document and structure tree, its words and its blocks. */
export interface ReportDrawing {
	report: YearlyReport;
	locale: Locale;
	pdf: PlatformPdf;
	doc: PDFKit.PDFDocument;
	/** The text width between the margins. */
	width: number;
	/** The structure element every block is added to. */
	root: PDFKit.PDFStructureElement;
	t: Translate;
	colon: string;
	n: (value: number) => string;
	percent: (part: number, whole: number) => string;
	audience: (code: string) => string;
	block: (type: string, draw: () => void, structOptions?: PDFKit.Mixins.StructureElementOptions) => void;
	artifact: (draw: () => void) => void;
	para: (text: string, textOptions?: PDFKit.Mixins.TextOptions) => void;
	heading: (text: string, room?: number) => void;
	subheading: (text: string, room?: number) => void;
	labelled: (label: string, value: string) => void;
}

/** A new report document, its structure tree started, with the blocks that draw into it. */
export function openReportPdf(report: YearlyReport, locale: Locale, options: { rawWoff?: boolean } = {}): ReportDrawing {
	const t = translator(locale);
	const colon = t('text.colon');
	const n = (value: number) => formatNumber(locale, value);
	const percent = (part: number, whole: number) => t('targets.share', { share: whole > 0 ? Math.round((part * 100) / whole) : 0 });
	const audience = (code: string) => t(`audience.${code}` as MessageKey);
	const pdf = openPdf(
		locale,
		{ Title: `${t('report.title')} ${report.schoolYear} — ${report.territory.name}`, Subject: t('report.subtitle'), Author: report.territory.name },
		options
	);
	const { doc, width } = pdf;
	const root = doc.struct('Document');
	doc.addStructure(root);
	const block = (type: string, draw: () => void, structOptions: PDFKit.Mixins.StructureElementOptions = {}) => {
		root.add(doc.struct(type, structOptions, draw));
	};
	const artifact = (draw: () => void) => {
		doc.markContent('Artifact');
		draw();
		doc.endMarkedContent();
	};
	const para = (text: string, textOptions: PDFKit.Mixins.TextOptions = {}) =>
		block('P', () => {
			doc
				.font('body')
				.fontSize(10)
				.fillColor(COLOURS.text)
				.text(text, X, doc.y, { width, lineGap: 2, paragraphGap: 5, ...textOptions });
		});
	/** A section title never ends a page alone: it moves to the next page with room for a few lines. */
	const heading = (text: string, room = 120) => {
		ensureRoom(doc, room);
		doc.moveDown(0.8);
		block('H1', () => {
			doc.font('bold').fontSize(15).fillColor(COLOURS.accent).text(text, X, doc.y, { width });
		});
		doc.moveDown(0.4);
	};
	const subheading = (text: string, room = 90) => {
		ensureRoom(doc, room);
		doc.moveDown(0.5);
		block('H2', () => {
			doc.font('bold').fontSize(11.5).fillColor(COLOURS.text).text(text, X, doc.y, { width });
		});
		doc.moveDown(0.3);
	};
	const labelled = (label: string, value: string) =>
		block('P', () => {
			doc
				.font('bold')
				.fontSize(9.5)
				.fillColor(COLOURS.muted)
				.text(`${label}${colon} `, X, doc.y, { width, continued: true })
				.font('body')
				.fillColor(COLOURS.text)
				.text(value, { lineGap: 1 });
		});
	return { report, locale, pdf, doc, width, root, t, colon, n, percent, audience, block, artifact, para, heading, subheading, labelled };
}
