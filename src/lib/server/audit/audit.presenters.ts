import type { AuditView } from '../../audit-view';
import type { Translate } from '../../i18n';
import type { FieldErrors } from '../shared/errors';
import { csvFileOf, csvLine } from '../files/table-file';

/*
 * The audit trail as files: the CSV export and, since a file cannot show a message next to a
 * field, the plain-text refusal of wrong filters.
 */

const CSV_HEADER = [
	'audit.csv.id',
	'audit.csv.date',
	'audit.csv.author',
	'audit.csv.ip',
	'audit.csv.action',
	'audit.csv.entity',
	'audit.csv.record',
	'audit.csv.record_id',
	'audit.csv.changes'
] as const;

export function auditCsvHeader(t: Translate): string {
	return csvLine(CSV_HEADER.map((k) => t(k)));
}

/** One entry read like the screen: labels, names, and its changes as "field : before → after". */
export function auditCsvLine(v: AuditView, entityId: string | null): string {
	const changes = v.changes.map((c) => (c.before === null ? `${c.label} : ${c.after}` : `${c.label} : ${c.before} → ${c.after}`)).join(' | ');
	return csvLine([v.id, v.createdAt, v.actor, v.ip, v.actionLabel, v.entityLabel, v.subject, entityId, changes]);
}

/** Semicolons, CRLF, UTF-8 with a BOM: what French spreadsheet software opens without asking. */
export function auditCsvFile(lines: readonly string[]): string {
	return csvFileOf(lines);
}

/** Wrong filters as plain text for the CSV download, one French line per field. */
export function auditFilterRefusalText(t: Translate, errors: FieldErrors): string {
	const label = (field: string) => (field === 'from' ? t('field.from') : field === 'to' ? t('field.to') : field);
	return `${Object.entries(errors)
		.map(([field, m]) => `${label(field)} : ${t(m.key, m.params)}`)
		.join('\n')}\n`;
}
