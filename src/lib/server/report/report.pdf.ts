import { formatDate, formatMonth, formatNumber, translator, type Locale, type MessageKey } from '../../i18n';
import { ensureRoom, finishPdf, openPdf, PDF_COLOURS as COLOURS, PDF_MARGIN as X } from '../shared/pdf';
import type { YearlyReport } from './report.usecases';

/*
 * The yearly report drawn with pdfkit: a cover with the key figures, two bar charts drawn as
 * vectors (each with its numbers), the tables, the targets, the partners and the method note.
 * Every block is a structure element (H1, P, Figure with its alternative text, Table/TR/TH/TD);
 * rules and backgrounds are artifacts.
 */

interface Column {
	label: string;
	width: number;
	align?: 'left' | 'right';
}

const FILL = { header: '#f3e9f4', previous: '#c9a3cb', current: '#6a1b6e', box: '#faf5fa' } as const;

/** The top of a chart's scale: the largest value rounded up to 1, 2 or 5 × 10ⁿ (a round figure, its half marked too). */
function roundScale(max: number): number {
	const power = 10 ** Math.floor(Math.log10(max));
	const step = [1, 2, 5, 10].find((s) => s * power >= max)!;
	return Math.max(2, step * power);
}

export async function renderReportPdf(report: YearlyReport, locale: Locale, options: { rawWoff?: boolean } = {}): Promise<Buffer> {
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
	const block = (type: string, draw: () => void, structOptions: PDFKit.Mixins.StructureElementOptions = {}) => root.add(doc.struct(type, structOptions, draw));
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

	/** A table whose rows wrap their text; its header row is drawn again at the top of each new page. */
	const table = (columns: Column[], rows: string[][], tableOptions: { lastRowBold?: boolean } = {}) => {
		const pad = 4;
		const size = 8.5;
		const structure = doc.struct('Table');
		root.add(structure);
		const heightOf = (cells: string[], font: string) => {
			doc.font(font).fontSize(size);
			return Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: columns[i]!.width - 2 * pad }))) + 2 * pad;
		};
		const row = (cells: string[], kind: 'header' | 'body' | 'total') => {
			const font = kind === 'body' ? 'body' : 'bold';
			const height = heightOf(cells, font);
			const y = doc.y;
			artifact(() => {
				if (kind === 'header') doc.rect(X, y, width, height).fill(FILL.header);
				doc
					.moveTo(X, y + height)
					.lineTo(X + width, y + height)
					.lineWidth(kind === 'body' ? 0.4 : 0.8)
					.strokeColor(COLOURS.rule)
					.stroke();
			});
			const tr = doc.struct('TR');
			structure.add(tr);
			let x = X;
			cells.forEach((cell, i) => {
				const column = columns[i]!;
				const left = x;
				tr.add(
					doc.struct(kind === 'header' ? 'TH' : 'TD', {}, () => {
						doc
							.font(font)
							.fontSize(size)
							.fillColor(COLOURS.text)
							.text(cell, left + pad, y + pad, { width: column.width - 2 * pad, align: column.align ?? 'left' });
					})
				);
				x += column.width;
			});
			tr.end();
			doc.x = X;
			doc.y = y + height;
		};
		const header = columns.map((c) => c.label);
		ensureRoom(doc, heightOf(header, 'bold') + 40);
		row(header, 'header');
		rows.forEach((cells, i) => {
			const kind = tableOptions.lastRowBold && i === rows.length - 1 ? 'total' : 'body';
			if (doc.y + heightOf(cells, kind === 'body' ? 'body' : 'bold') > doc.page.height - doc.page.margins.bottom) {
				doc.addPage();
				row(header, 'header');
			}
			row(cells, kind);
		});
		structure.end();
		doc.moveDown(0.6);
	};

	// Cover, with the key figures.
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

	if (report.participations > 0) {
		doc.addPage();
		monthChart();
		audienceChart();
		heading(t('report.initiatives'));
		table(
			[
				{ label: t('report.initiative'), width: 140 },
				{ label: t('report.activities'), width: 62, align: 'right' },
				{ label: t('indicator.participations'), width: 80, align: 'right' },
				{ label: t('indicator.by_audience'), width: width - 282 }
			],
			[
				...report.initiatives.map((i) => [
					i.name,
					n(i.activities),
					n(i.participations),
					report.audiences
						.filter((a) => (i.byAudience[a] ?? 0) > 0)
						.map((a) => `${audience(a)} ${n(i.byAudience[a]!)}`)
						.join(' · ') || '—'
				]),
				[t('indicator.total'), n(report.activities), n(report.participations), '']
			],
			{ lastRowBold: true }
		);
	}

	heading(t('report.targets'));
	if (report.targets.length === 0) para(t('report.no_targets'));
	else
		table(
			[
				{ label: t('report.target_line'), width: width - 220 },
				{ label: t('report.target'), width: 70, align: 'right' },
				{ label: t('report.actual'), width: 70, align: 'right' },
				{ label: t('report.share_reached'), width: 80, align: 'right' }
			],
			report.targets.map((l) => [
				`${l.initiative ?? t('targets.whole_plan')} — ${l.audience ? audience(l.audience) : t('targets.all_audiences')}`,
				n(l.target),
				n(l.actual),
				t('targets.share', { share: l.share })
			])
		);
	subheading(t('report.milestones'));
	if (report.milestones.length === 0) para(t('report.no_milestones'));
	else
		table(
			[
				{ label: t('report.milestone'), width: width - 230 },
				{ label: t('report.due_on'), width: 80 },
				{ label: t('report.status'), width: 80 },
				{ label: t('report.progress'), width: 70, align: 'right' }
			],
			report.milestones.map((m) => [
				m.initiative ? `${m.title} (${m.initiative})` : m.title,
				formatDate(locale, m.dueOn),
				t(`targets.milestone_status.${m.status}` as MessageKey),
				t('targets.share', { share: m.progress })
			])
		);

	heading(t('report.partners'));
	para(t('report.partners_intro'));
	for (const p of report.partners) {
		ensureRoom(doc, 60);
		doc.moveDown(0.5);
		block('H2', () => {
			doc.font('bold').fontSize(10.5).fillColor(COLOURS.text).text(p.initiative, X, doc.y, { width });
		});
		if (p.lead.length) labelled(t('sheet.lead'), p.lead.join(', '));
		if (p.partners.length) labelled(t('sheet.partners'), p.partners.join(', '));
		if (p.networks.length) labelled(t('sheet.networks'), p.networks.join(', '));
	}
	if (report.stakeholders.length) {
		subheading(t('report.stakeholders'));
		for (const s of report.stakeholders) {
			para(`•  ${s.name} (${s.roles.map((r) => t(`stakeholder_role.${r}` as MessageKey).toLocaleLowerCase(locale)).join(', ')})`, { paragraphGap: 2 });
		}
	}
	subheading(t('report.agreements'));
	if (report.agreements.length === 0) para(t('report.no_agreements'));
	else
		table(
			[
				{ label: t('report.agreement'), width: 130 },
				{ label: t('report.parties'), width: width - 130 - 150 - 72 },
				{ label: t('report.agreement_period'), width: 150 },
				{ label: t('report.status_today'), width: 72 }
			],
			report.agreements.map((a) => [
				a.title,
				a.parties.join(', '),
				`${a.startsOn ? formatDate(locale, a.startsOn) : t('report.open_ended')} → ${a.endsOn ? formatDate(locale, a.endsOn) : t('report.open_ended')}`,
				t(`agreements.status.${a.status}` as MessageKey)
			])
		);

	heading(t('report.method'), 160);
	for (const key of [
		'indicator.participations_help',
		'report.method_done',
		'report.method_breakdowns',
		'report.method_distinct',
		'report.method_targets',
		'report.method_exposure',
		'report.method_privacy'
	] as const)
		para(t(key));
	para(t('report.method_source', { date: report.generatedOn }));

	root.end();
	return finishPdf(pdf, t('report.footer', { territory: report.territory.name, year: report.schoolYear, date: report.generatedOn }));

	/** Bars of each month, the previous school year's beside this year's, then the numbers as a table. */
	function monthChart() {
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
						.text(shortMonth.format(new Date(`${m.month}-01T00:00:00Z`)), X + axis + i * slot, base + 4, { width: slot, align: 'center', lineBreak: false });
				});
			},
			{ alt: t('report.chart_month_alt', { year: report.schoolYear, previous: report.previousSchoolYear }) }
		);
		doc.x = X;
		doc.y = top + 10 + height + 22;
		table(
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
	function audienceChart() {
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
}
