import type { Locale } from '../../i18n';
import { finishPdf } from '../shared/pdf';
import { openReportPdf } from './report.blocks.pdf';
import { drawAudienceChart, drawMonthChart } from './report.charts.pdf';
import { drawCover } from './report.cover.pdf';
import { drawInitiatives, drawMethod, drawPartners, drawTargets } from './report.sections.pdf';
import type { YearlyReport } from './report.usecases';

/*
 * The yearly report drawn with pdfkit: a cover with the key figures, two bar charts drawn as
 * vectors (each with its numbers), the tables, the targets, the partners and the method note.
 * Every block is a structure element (H1, P, Figure with its alternative text, Table/TR/TH/TD);
 * rules and backgrounds are artifacts. The primitives are in report.blocks.pdf.ts and
 * report.table.pdf.ts, the charts in report.charts.pdf.ts, the sections in report.cover.pdf.ts and
 * report.sections.pdf.ts; this file draws them in order.
 */

export async function renderReportPdf(report: YearlyReport, locale: Locale, options: { rawWoff?: boolean } = {}): Promise<Buffer> {
	const drawing = openReportPdf(report, locale, options);
	const { pdf, doc, root, t } = drawing;
	drawCover(drawing);
	if (report.participations > 0) {
		doc.addPage();
		drawMonthChart(drawing);
		drawAudienceChart(drawing);
		drawInitiatives(drawing);
	}
	drawTargets(drawing);
	drawPartners(drawing);
	drawMethod(drawing);
	root.end();
	return finishPdf(pdf, t('report.footer', { territory: report.territory.name, year: report.schoolYear, date: report.generatedOn }));
}
