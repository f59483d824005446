import { AUDIENCE_CODES, LEVELS } from '../../domain/reference';
import type { Translate, MessageKey } from '../../i18n';
import type { ActivitySnapshot, exportActivities, listActivities } from './activities.repository';
import type { ActivityImportSummary } from './activities.import';
import type { ActivityFormOptions } from './activities.options';
import { csvFileOf, csvLine } from '../files/table-file';

/*
 * Every outward shape of an activity, in one place: the API's JSON (one activity, a list row),
 * the HTML form's flat values and the CSV export. Explicit fields, never the ORM row.
 */

/** API shape of one activity. */
export function presentActivity(a: ActivitySnapshot) {
	return {
		id: a.id,
		initiativeId: a.initiativeId,
		type: a.type,
		title: a.title,
		date: a.date,
		communeCode: a.communeCode,
		hostOrganisationId: a.hostOrganisationId,
		status: a.status,
		notes: a.notes,
		cancelReason: a.cancelReason,
		version: a.version,
		audiences: a.audiences.map((c) => ({ audience: c.audience, level: c.level, count: c.count }))
	};
}

/** API shape of a row of the list: participations are those of the filtered audience and level. */
export function presentActivityRow(r: Awaited<ReturnType<typeof listActivities>>[number]) {
	return {
		id: r.id,
		initiativeId: r.initiativeId,
		type: r.type,
		title: r.title,
		date: r.date,
		communeCode: r.communeCode,
		hostOrganisationId: r.hostOrganisationId,
		status: r.status,
		participations: r.participations
	};
}

/** An activity as the HTML form's flat values ("aud.<audience>.<level>" per cell). */
export function activityToFormValues(a: ActivitySnapshot): Record<string, string | number | null> {
	const values: Record<string, string | number | null> = {
		initiativeId: a.initiativeId,
		type: a.type,
		title: a.title,
		date: a.date,
		communeCode: a.communeCode,
		hostOrganisationId: a.hostOrganisationId,
		status: a.status,
		notes: a.notes,
		version: a.version
	};
	for (const cell of a.audiences) values[`aud.${cell.audience}.${cell.level}`] = cell.count;
	return values;
}

/** Which audience and level the "Participations" column counts, in words. */
function countedAudiences(filters: { audience?: string; level?: string }, t: Translate): string {
	if (!filters.audience && !filters.level) return t('csv.counted_all');
	const audience = filters.audience ? t(`audience.${filters.audience}` as MessageKey) : t('csv.counted_all');
	const level = filters.level ? t(`level.${filters.level}` as MessageKey) : t('csv.all_levels');
	return `${audience} — ${level}`;
}

/**
 * The list behind a figure, as CSV (semicolons, UTF-8 with BOM, as French spreadsheets expect),
 * in the order of the screen's list (newest first). French headers throughout.
 * The "Participations" column holds each activity's count for the filtered audience and level, so
 * the column adds up to the figure the link came from; the column beside it says which audience
 * and level that is, since it then differs from the per-audience and per-level columns.
 */
export function activitiesToCsv(data: Awaited<ReturnType<typeof exportActivities>>, options: ActivityFormOptions, t: Translate): string {
	const initiative = new Map(options.initiatives.map((i) => [i.id, i.name]));
	const commune = new Map(options.epcis.flatMap((e) => e.communes.map((c) => [c.code, { name: c.name, epci: e.name }])));
	const host = new Map(options.organisations.map((o) => [o.id, o.name]));
	const perAudience = new Map<number, Map<string, number>>();
	const perLevel = new Map<number, Map<string, number>>();
	for (const a of data.audiences) {
		const byAudience = perAudience.get(a.activityId) ?? new Map<string, number>();
		byAudience.set(a.audience, (byAudience.get(a.audience) ?? 0) + a.count);
		perAudience.set(a.activityId, byAudience);
		const byLevel = perLevel.get(a.activityId) ?? new Map<string, number>();
		byLevel.set(a.level, (byLevel.get(a.level) ?? 0) + a.count);
		perLevel.set(a.activityId, byLevel);
	}
	const counted = countedAudiences(data.filters, t);
	const header = [
		t('csv.id'),
		t('field.date'),
		t('field.title'),
		t('field.initiative'),
		t('field.type'),
		t('csv.code_insee'),
		t('field.commune'),
		t('field.epci'),
		t('field.host'),
		t('field.status'),
		t('field.participations'),
		t('csv.counted'),
		...AUDIENCE_CODES.map((a) => t('csv.audience_column', { audience: t(`audience.${a}` as MessageKey) })),
		...LEVELS.map((l) => t('csv.level_column', { level: t(`level.${l}` as MessageKey) }))
	];
	const lines = [csvLine(header)];
	for (const r of data.rows) {
		const audiences = perAudience.get(r.id);
		const levels = perLevel.get(r.id);
		lines.push(
			csvLine([
				r.id,
				r.date,
				r.title,
				initiative.get(r.initiativeId),
				t(`type.${r.type}` as MessageKey),
				r.communeCode,
				commune.get(r.communeCode)?.name,
				commune.get(r.communeCode)?.epci,
				r.hostOrganisationId ? host.get(r.hostOrganisationId) : '',
				t(`status.${r.status}` as MessageKey),
				r.participations,
				counted,
				...AUDIENCE_CODES.map((a) => audiences?.get(a) ?? 0),
				...LEVELS.map((l) => levels?.get(l) ?? 0)
			])
		);
	}
	return csvFileOf(lines);
}

/**
 * An import's summary as the import page shows it: problems and skipped rows in the reader's
 * language, each column with the first values read under it.
 */
export function presentImportSummary(summary: ActivityImportSummary, t: Translate) {
	return {
		dryRun: summary.dryRun,
		headerLine: summary.headerLine,
		columns: summary.columns.map((c) => ({
			header: c.header,
			field: c.field ?? 'ignore',
			samples: summary.samples.map((r) => r.cells[c.index] ?? '').filter((v) => v !== '')
		})),
		sampleLine: summary.samples[0]?.line ?? null,
		rows: summary.rows,
		valid: summary.valid,
		skipped: summary.skipped,
		problems: summary.problems.map((p) => ({ line: p.line, column: p.column, message: t(p.key, p.params) })),
		created: summary.created,
		duplicates: summary.duplicates,
		toCreate: summary.valid - summary.duplicates,
		participations: summary.participations,
		preview: summary.preview
	};
}
export type ImportSummaryView = ReturnType<typeof presentImportSummary>;
