import { formatMonth } from '../../i18n';
import { PDF_COLOURS as COLOURS, PDF_MARGIN as X } from '../shared/pdf';
import { FILL, type ReportDrawing } from './report.blocks.pdf';
import { drawTable } from './report.table.pdf';

/*
 * The yearly report's two bar charts, drawn as vectors: each is a Figure with its alternative text,
 * and the month chart's numbers follow it as a table.
 */

/** The top of a chart's scale: the largest value rounded up to 1, 2 or 5 × 10ⁿ (a round figure, its half marked too). */
function roundScale(max: number): number {
	const power = 10 ** Math.floor(Math.log10(max));
	const step = [1, 2, 5, 10].find((s) => s * power >= max)!;
	return Math.max(2, step * power);
}

/** Bars of each month, the previous school year's beside this year's, then the numbers as a table. */
export function drawMonthChart(drawing: ReportDrawing): void {
	const { report, locale, doc, width, t, n, block, heading } = drawing;
	heading(t('report.chart_month'), 330);
	const shortMonth = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', timeZone: 'UTC' });
	const max = roundScale(Math.max(1, ...report.byMonth.flatMap((m) => [m.current, m.previous])));
	const height = 150;
	const axis = 44;
	const top = doc.y + 16;
	const slot = (width - axis) / 12;
	const bar = Math.min(12, (slot - 6) / 2);
	block(
		'Figure',
		() => {
			// Legend.
			[
				[FILL.previous, report.previousSchoolYear],
				[FILL.current, report.schoolYear]
			].forEach(([colour, label], i) => {
				const x = X + axis + i * 110;
				doc.rect(x, top - 14, 9, 9).fill(colour!);
				doc
					.font('body')
					.fontSize(8.5)
					.fillColor(COLOURS.text)
					.text(label!, x + 13, top - 14, { lineBreak: false });
			});
			// Scale: 0, half and the largest month.
			for (const value of [0, max / 2, max]) {
				const y = top + 10 + height - (value / max) * height;
				doc
					.moveTo(X + axis, y)
					.lineTo(X + width, y)
					.lineWidth(0.4)
					.strokeColor(COLOURS.rule)
					.stroke();
				doc
					.font('body')
					.fontSize(7.5)
					.fillColor(COLOURS.muted)
					.text(n(Math.round(value)), X, y - 4, { width: axis - 6, align: 'right', lineBreak: false });
			}
			report.byMonth.forEach((m, i) => {
				const x = X + axis + i * slot + (slot - 2 * bar - 2) / 2;
				const base = top + 10 + height;
				const hPrevious = (m.previous / max) * height;
				const hCurrent = (m.current / max) * height;
				if (hPrevious > 0) doc.rect(x, base - hPrevious, bar, hPrevious).fill(FILL.previous);
				if (hCurrent > 0) doc.rect(x + bar + 2, base - hCurrent, bar, hCurrent).fill(FILL.current);
				doc
					.font('body')
					.fontSize(7.5)
					.fillColor(COLOURS.text)
					.text(shortMonth.format(new Date(`${m.month}T00:00:00Z`)), X + axis + i * slot, base + 4, { width: slot, align: 'center', lineBreak: false });
			});
		},
		{ alt: t('report.chart_month_alt', { year: report.schoolYear, previous: report.previousSchoolYear }) }
	);
	doc.x = X;
	doc.y = top + 10 + height + 22;
	drawTable(
		drawing,
		[
			{ label: t('report.month'), width: width - 200 },
			{ label: report.schoolYear, width: 100, align: 'right' },
			{ label: report.previousSchoolYear, width: 100, align: 'right' }
		],
		[
			...report.byMonth.map((m) => [formatMonth(locale, m.month), n(m.current), n(m.previous)]),
			[t('indicator.total'), n(report.participations), n(report.byMonth.reduce((sum, m) => sum + m.previous, 0))]
		],
		{ lastRowBold: true }
	);
}

/** One horizontal bar per audience, its number and its share written beside it. */
export function drawAudienceChart(drawing: ReportDrawing): void {
	const { report, doc, width, t, colon, n, percent, audience, block, heading } = drawing;
	const rows = report.byAudience;
	const line = 18;
	heading(t('report.chart_audience'), rows.length * line + 80);
	const label = 130;
	const figures = 100;
	const max = Math.max(1, ...rows.map((r) => r.participations));
	const top = doc.y;
	const alt = `${t('report.chart_audience_alt', { year: report.schoolYear })} ${rows.map((r) => `${audience(r.key)}${colon} ${n(r.participations)}`).join(' ; ')}`;
	block(
		'Figure',
		() => {
			rows.forEach((r, i) => {
				const y = top + i * line;
				doc
					.font('body')
					.fontSize(9)
					.fillColor(COLOURS.text)
					.text(audience(r.key), X, y + 2, { width: label - 8, lineBreak: false, ellipsis: true });
				const length = Math.max(1, (r.participations / max) * (width - label - figures));
				doc.rect(X + label, y + 1, length, line - 6).fill(FILL.current);
				doc
					.font('bold')
					.fontSize(9)
					.fillColor(COLOURS.text)
					.text(`${n(r.participations)} (${percent(r.participations, report.participations)})`, X + label + length + 6, y + 2, {
						width: figures + (width - label - figures - length) - 6,
						lineBreak: false
					});
			});
		},
		{ alt }
	);
	doc.x = X;
	doc.y = top + rows.length * line + 6;
}
