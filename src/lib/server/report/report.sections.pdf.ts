import { formatDate, type MessageKey } from '../../i18n';
import { ensureRoom, PDF_COLOURS as COLOURS, PDF_MARGIN as X } from '../shared/pdf';
import type { ReportDrawing } from './report.blocks.pdf';
import { drawTable } from './report.table.pdf';

/*
 * The yearly report's sections after the cover and the charts: the initiatives, the targets and
 * milestones, the partners, stakeholders and agreements, and the method note.
 */

/** Each initiative's activities and participations, by audience, with the total. */
export function drawInitiatives(drawing: ReportDrawing): void {
	const { report, width, t, n, audience, heading } = drawing;
	heading(t('report.initiatives'));
	drawTable(
		drawing,
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

/** The school year's targets against the indicator, then the milestones due in it. */
export function drawTargets(drawing: ReportDrawing): void {
	const { report, locale, width, t, n, audience, para, heading, subheading } = drawing;
	heading(t('report.targets'));
	if (report.targets.length === 0) para(t('report.no_targets'));
	else
		drawTable(
			drawing,
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
		drawTable(
			drawing,
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
}

/** Each initiative's organisations by role, the plan's stakeholders, then the agreements in force during the year. */
export function drawPartners(drawing: ReportDrawing): void {
	const { report, locale, doc, width, t, block, para, heading, subheading, labelled } = drawing;
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
		drawTable(
			drawing,
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
}

/** How the figures are counted, and where they come from. */
export function drawMethod(drawing: ReportDrawing): void {
	const { report, t, para, heading } = drawing;
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
}
