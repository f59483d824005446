import { formatDateTime, formatMonth, type Locale, type MessageKey, type Translate } from '../../i18n';
import { periodLabel } from '../../period-label';
import { csvFile, xlsxFile, type CsvSeparator, type PreambleLine, type Table, type XlsxSheet } from '../files/table-file';
import type { Breakdown } from '../indicator/indicator.usecases';
import type { FieldErrors } from '../shared/errors';
import type { DashboardModel } from './dashboard.usecases';

/*
 * What the dashboard shows, as sections of labelled rows, and the same sections as files. The page
 * and every export read `dashboardSections` of one model: the totals are the screen's by construction.
 */

export interface SectionRow {
	key: string;
	label: string;
	participations: number;
	activities?: number;
}

export interface DashboardSection {
	id: Breakdown;
	title: string;
	/** Whether the rows carry a count of activities (unknown when drilling into an audience). */
	showActivities: boolean;
	rows: SectionRow[];
}

export interface DashboardContext {
	t: Translate;
	locale: Locale;
	territory: { name: string; slug: string };
	/** The national dashboard: every territory (`territory` then names all of them). */
	national?: boolean;
	/** When the file is generated (tests pass a fixed one). */
	now?: Date;
}

/** The files of the national dashboard name every territory (`tableau-de-bord-national.*`). */
export function nationalDashboardContext(t: Translate, locale: Locale, now?: Date): DashboardContext {
	return { t, locale, national: true, territory: { name: t('national_dashboard.all_territories'), slug: 'national' }, ...(now ? { now } : {}) };
}

const SECTION_TITLES: Record<Breakdown, MessageKey> = {
	audience: 'indicator.by_audience',
	level: 'indicator.by_level',
	initiative: 'indicator.by_initiative',
	type: 'indicator.by_type',
	epci: 'indicator.by_epci',
	commune: 'indicator.by_commune',
	schoolYear: 'indicator.by_school_year',
	month: 'indicator.by_month',
	territory: 'national_dashboard.by_territory'
};

/**
 * Breakdowns whose keys are the platform's own words (`girls`, `grade_3e`, `screening`): a file for
 * people leaves their « Code » cell empty, the label says it in the reader's language. Other keys
 * are identifiers a reader can use elsewhere: the INSEE code of a commune, the SIREN of an EPCI, a
 * school year, the number of an initiative or a territory in the platform's filters and API. JSON
 * keeps every key (the API's vocabulary, documented in OpenAPI).
 */
const VOCABULARY_KEYS: ReadonlySet<Breakdown> = new Set(['audience', 'level', 'type']);

/** A row's « Code » cell in a CSV or XLSX file (see VOCABULARY_KEYS). */
const fileCode = (section: DashboardSection, row: SectionRow) => (VOCABULARY_KEYS.has(section.id) ? null : row.key);

/** The breakdowns in the order the page shows them; months come as their own chart (this year beside the previous). */
const SECTION_ORDER: readonly Breakdown[] = ['audience', 'level', 'territory', 'initiative', 'type', 'schoolYear', 'epci', 'commune'];

/** Every breakdown the indicator holds for these filters, labelled in the reader's language. */
export function dashboardSections(model: Pick<DashboardModel, 'indicator'>, t: Translate): DashboardSection[] {
	const ind = model.indicator;
	const rows: Record<Exclude<Breakdown, 'month'>, SectionRow[]> = {
		audience: ind.byAudience.map((f) => ({ ...f, label: t(`audience.${f.key}` as MessageKey) })),
		level: ind.byLevel.map((f) => ({
			key: f.key,
			label: `${t(`audience.${f.audience}` as MessageKey)} — ${t(`level.${f.level}` as MessageKey)}`,
			participations: f.participations
		})),
		initiative: ind.byInitiative,
		type: ind.byType.map((f) => ({ ...f, label: t(`type.${f.key}` as MessageKey) })),
		schoolYear: ind.bySchoolYear,
		epci: ind.byEpci,
		commune: ind.byCommune.map(({ key, label, participations, activities }) => ({ key, label, participations, activities })),
		territory: ind.byTerritory
	};
	return SECTION_ORDER.filter((id) => ind.breakdowns.includes(id)).map((id) => ({
		id,
		title: t(SECTION_TITLES[id]),
		showActivities: id !== 'audience' && id !== 'level' && ind.activitiesKnown,
		rows: rows[id as Exclude<Breakdown, 'month'>].map(({ key, label, participations, activities }) => ({
			key,
			label,
			participations,
			...(activities !== undefined ? { activities } : {})
		}))
	}));
}

/** The filters in words, the territory and the date: the header block of every file. */
export function dashboardPreamble(model: DashboardModel, context: DashboardContext, initiatives: readonly { id: number; name: string }[]): [string, string][] {
	const { t, locale } = context;
	const ind = model.indicator;
	const lines: [string, string][] = [
		[t('dashboard.file_territory'), context.territory.name],
		[t('dashboard.file_period'), periodLabel(locale, model.values)],
		[t('dashboard.file_initiative'), ind.initiativeId ? (initiatives.find((i) => i.id === ind.initiativeId)?.name ?? '') : t('indicator.all_initiatives')],
		[
			t('dashboard.file_scope'),
			t(context.national ? 'national_dashboard.file_scope' : model.wholeTerritory ? 'dashboard.file_scope_all' : 'dashboard.file_scope_partner')
		]
	];
	const drill = ind.drill;
	const drillText = drill.audience
		? [t(`audience.${drill.audience}` as MessageKey), drill.level ? t(`level.${drill.level}` as MessageKey) : ''].filter(Boolean).join(' — ')
		: drill.type
			? t(`type.${drill.type}` as MessageKey)
			: drill.communeCode
				? (ind.byCommune.find((c) => c.key === drill.communeCode)?.label ?? drill.communeCode)
				: drill.epci
					? (ind.byEpci.find((e) => e.key === drill.epci)?.label ?? drill.epci)
					: '';
	if (drillText) lines.push([t('dashboard.file_drill'), drillText]);
	const now = context.now ?? new Date();
	lines.push([t('dashboard.file_generated'), formatDateTime(locale, now)]);
	return lines;
}

/** The key figures as label and number (a share in percent; null when not known); distinct people, not counted, say why. */
export function keyFigureRows(model: DashboardModel, t: Translate): [string, number | string | null][] {
	const f = model.figures;
	const rows: [string, number | string | null][] = [
		[t('indicator.participations'), f.participations],
		[t('dashboard.distinct_people'), f.distinctPeople ?? t('dashboard.distinct_unknown')],
		[t('dashboard.girls_women'), f.girlsAndWomen],
		[t('dashboard.file_share'), f.girlsAndWomenShare]
	];
	if (f.activitiesKnown) rows.splice(1, 0, [t('indicator.activities_done'), f.activities]);
	if (f.target) rows.push([t('dashboard.file_target', { year: f.target.schoolYear }), f.target.target]);
	return rows;
}

/** The month chart's rows: each month of the school year beside the same month a year before. */
export function monthRows(model: DashboardModel, locale: Locale) {
	return model.months.rows.map((r) => ({ ...r, label: formatMonth(locale, r.month), previousLabel: formatMonth(locale, r.previousMonth) }));
}

/** One table: a row per figure, the breakdown it belongs to first; the key figures in the header block. */
export function dashboardTable(model: DashboardModel, context: DashboardContext): Table {
	const { t, locale } = context;
	const header = [
		t('dashboard.file_breakdown'),
		t('dashboard.file_code'),
		t('dashboard.file_label'),
		t('indicator.participations'),
		t('indicator.activities_done')
	];
	const rows: (string | number | null)[][] = [];
	for (const s of dashboardSections(model, t)) {
		for (const r of s.rows) rows.push([s.title, fileCode(s, r), r.label, r.participations, s.showActivities ? (r.activities ?? 0) : null]);
	}
	for (const [year, pick] of [
		[model.months.schoolYear, (r: ReturnType<typeof monthRows>[number]) => [r.month.slice(0, 7), r.label, r.participations] as const],
		[model.months.previousSchoolYear, (r: ReturnType<typeof monthRows>[number]) => [r.previousMonth.slice(0, 7), r.previousLabel, r.previous] as const]
	] as const) {
		const title = t('dashboard.file_months', { year });
		for (const r of monthRows(model, locale)) rows.push([title, ...pick(r), null]);
	}
	return { header, rows };
}

/** The key figures above the table, numbers kept as numbers (a decimal comma in a `;` CSV, a number cell in XLSX). */
function keyFigureLines(model: DashboardModel, context: DashboardContext): PreambleLine[] {
	return keyFigureRows(model, context.t).map(([label, value]) => [label, value ?? '']);
}

/** The dashboard as a CSV file: the header block (territory, filters, date, key figures), then every breakdown. */
export function dashboardCsv(
	model: DashboardModel,
	context: DashboardContext,
	initiatives: readonly { id: number; name: string }[],
	separator: CsvSeparator = ';'
): string {
	const preamble = [...dashboardPreamble(model, context, initiatives), ...keyFigureLines(model, context)];
	return csvFile(dashboardTable(model, context), { separator, preamble });
}

/** The dashboard as an XLSX file: the key figures first, then one sheet per breakdown, each with the header block; numbers as numbers. */
export async function dashboardXlsx(model: DashboardModel, context: DashboardContext, initiatives: readonly { id: number; name: string }[]): Promise<Buffer> {
	const { t, locale } = context;
	const title = t('dashboard.file_title', { territory: context.territory.name });
	const preamble = dashboardPreamble(model, context, initiatives);
	const columns = [t('dashboard.file_code'), t('dashboard.file_label'), t('indicator.participations')];
	const sheets: XlsxSheet[] = [
		{ name: t('dashboard.key_figures'), title, preamble, header: [t('dashboard.file_figure'), t('dashboard.file_value')], rows: keyFigureRows(model, t) }
	];
	for (const s of dashboardSections(model, t)) {
		sheets.push({
			name: s.title,
			title,
			preamble,
			header: s.showActivities ? [...columns, t('indicator.activities_done')] : columns,
			rows: s.rows.map((r) => [fileCode(s, r), r.label, r.participations, ...(s.showActivities ? [r.activities ?? 0] : [])])
		});
	}
	const { schoolYear, previousSchoolYear } = model.months;
	sheets.push({
		name: t('indicator.by_month'),
		title,
		preamble,
		header: [
			t('dashboard.month'),
			t('dashboard.year_column', { year: schoolYear }),
			t('dashboard.month'),
			t('dashboard.year_column', { year: previousSchoolYear })
		],
		rows: monthRows(model, locale).map((r) => [r.label, r.participations, r.previousLabel, r.previous])
	});
	return xlsxFile(sheets);
}

/** The dashboard as JSON: the filters, the key figures, the months and every breakdown (codes and labels). */
export function dashboardJson(model: DashboardModel, context: DashboardContext, initiatives: readonly { id: number; name: string }[]) {
	const { t, locale } = context;
	return {
		territory: context.territory,
		generatedAt: (context.now ?? new Date()).toISOString(),
		filters: { ...model.values, ...model.indicator.drill, wholeTerritory: model.wholeTerritory },
		header: Object.fromEntries(dashboardPreamble(model, context, initiatives)),
		figures: model.figures,
		months: { schoolYear: model.months.schoolYear, previousSchoolYear: model.months.previousSchoolYear, rows: monthRows(model, locale) },
		breakdowns: Object.fromEntries(dashboardSections(model, t).map((s) => [s.id, { title: s.title, rows: s.rows }]))
	};
}

/** A refused export: the wrong filters in words (French by default), for a plain-text 400. */
export function dashboardRefusalText(t: Translate, errors: FieldErrors): string {
	const labels: Record<string, MessageKey> = {
		schoolYear: 'indicator.school_year',
		fromMonth: 'indicator.from_month',
		toMonth: 'indicator.to_month',
		initiativeId: 'field.initiative'
	};
	return `${t('dashboard.fix_filters')}\n${Object.entries(errors)
		.map(([field, m]) => `${labels[field] ? t(labels[field]) : field} : ${t(m.key, m.params)}`)
		.join('\n')}\n`;
}

/** What the page shows: the key figures, the month comparison and every breakdown, labelled. */
export function dashboardView(model: DashboardModel, t: Translate, locale: Locale) {
	return {
		figures: model.figures,
		wholeTerritory: model.wholeTerritory,
		drill: model.indicator.drill,
		initiativeId: model.indicator.initiativeId,
		months: { schoolYear: model.months.schoolYear, previousSchoolYear: model.months.previousSchoolYear, rows: monthRows(model, locale) },
		sections: dashboardSections(model, t)
	};
}

export type DashboardFileKind = 'csv' | 'xlsx' | 'json';

const FILE_TYPES: Record<DashboardFileKind, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	json: 'application/json; charset=utf-8'
};

/** One export of the dashboard as the bytes, type and name of a download. */
export async function dashboardFile(
	kind: DashboardFileKind,
	model: DashboardModel,
	context: DashboardContext,
	initiatives: readonly { id: number; name: string }[],
	separator: CsvSeparator = ';'
): Promise<{ body: string | Uint8Array<ArrayBuffer>; type: string; filename: string }> {
	const body =
		kind === 'csv'
			? dashboardCsv(model, context, initiatives, separator)
			: kind === 'xlsx'
				? new Uint8Array(await dashboardXlsx(model, context, initiatives))
				: JSON.stringify(dashboardJson(model, context, initiatives), null, 2);
	return { body, type: FILE_TYPES[kind], filename: `tableau-de-bord-${context.territory.slug}.${kind}` };
}
