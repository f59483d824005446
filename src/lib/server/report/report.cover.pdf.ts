import { PDF_COLOURS as COLOURS, PDF_MARGIN as X } from '../shared/pdf';
import { FILL, type ReportDrawing } from './report.blocks.pdf';

/* The yearly report's cover: the territory, the title and the school year, then the key figures in boxes. */

export function drawCover(drawing: ReportDrawing): void {
	const { report, doc, width, t, n, percent, block, artifact, para, heading } = drawing;
	const yearText = t('report.school_year', { year: report.schoolYear });
	doc.y = 150;
	block('P', () => {
		doc.font('bold').fontSize(11).fillColor(COLOURS.muted).text(report.territory.name.toUpperCase(), X, doc.y, { width });
	});
	doc.moveDown(0.6);
	block('H1', () => {
		doc
			.font('bold')
			.fontSize(30)
			.fillColor(COLOURS.accent)
			.text(`${t('report.title')}`, X, doc.y, { width });
		doc.font('bold').fontSize(20).fillColor(COLOURS.text).text(yearText, X, doc.y, { width });
	});
	doc.moveDown(0.5);
	para(t('report.subtitle'), { paragraphGap: 2 });
	para(t('report.period', { from: report.period.from, to: report.period.to }), { paragraphGap: 2 });
	block('P', () => {
		doc
			.font('italic')
			.fontSize(9.5)
			.fillColor(COLOURS.muted)
			.text(t('report.generated_on', { date: report.generatedOn }), X, doc.y, { width });
	});
	artifact(() => {
		doc
			.moveTo(X, doc.y + 14)
			.lineTo(X + 120, doc.y + 14)
			.lineWidth(3)
			.strokeColor(COLOURS.accent)
			.stroke();
	});
	doc.y += 30;

	heading(t('report.key_figures'));
	const figures: [string, string][] = [
		[n(report.participations), t('report.kf_participations')],
		[n(report.activities), t('report.kf_activities')],
		// No participation, no share: a dash rather than « 0 % ».
		[report.participations > 0 ? percent(report.girlsAndWomen, report.participations) : '—', t('report.kf_girls_women')]
	];
	if (report.mentees !== null) figures.push([n(report.mentees), t('report.kf_distinct')]);
	const boxWidth = (width - 12) / 2;
	const boxHeight = 74;
	const top = doc.y;
	figures.forEach(([value, label], i) => {
		const x = X + (i % 2) * (boxWidth + 12);
		const y = top + Math.floor(i / 2) * (boxHeight + 12);
		artifact(() => doc.roundedRect(x, y, boxWidth, boxHeight, 4).fill(FILL.box));
		block('P', () => {
			doc
				.font('bold')
				.fontSize(22)
				.fillColor(COLOURS.accent)
				.text(value, x + 12, y + 10, { width: boxWidth - 24 });
			doc
				.font('body')
				.fontSize(9.5)
				.fillColor(COLOURS.text)
				.text(label, x + 12, doc.y + 2, { width: boxWidth - 24 });
		});
	});
	doc.x = X;
	doc.y = top + Math.ceil(figures.length / 2) * (boxHeight + 12) + 4;
	if (report.mentees === null) para(t('report.kf_distinct_unknown'), { paragraphGap: 2 });
	if (report.participations === 0) {
		doc.moveDown(0.5);
		block('P', () => {
			doc
				.font('bold')
				.fontSize(11)
				.fillColor(COLOURS.text)
				.text(t('report.empty', { year: report.schoolYear }), X, doc.y, { width });
		});
	}
}
