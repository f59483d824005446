import { formatNumber, translatePlural, translator, type Locale, type MessageKey } from '../../i18n';
import { finishPdf, openPdf, PDF_COLOURS as COLOURS } from '../shared/pdf';
import type { PresentedSheet } from './sheet.presenters';

/* The sheet as a PDF, drawn on the server with pdfkit (fonts and page set-up: shared/pdf.ts). */

export async function renderSheetPdf(sheet: PresentedSheet, locale: Locale, options: { rawWoff?: boolean } = {}): Promise<Buffer> {
	const t = translator(locale);
	const colon = t('text.colon');
	// rawWoff: the files as they are, only for the benchmark that measures why they are converted.
	const pdf = openPdf(
		locale,
		{ Title: `${t('sheet.title')} — ${sheet.title}`, Subject: sheet.territory.name, Author: sheet.territory.name },
		{ rawWoff: options.rawWoff, tagged: false }
	);
	const { doc, width } = pdf;
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

	return finishPdf(pdf, t('sheet.pdf_footer', { territory: sheet.territory.name, date: sheet.indicator.asOf }));
}
