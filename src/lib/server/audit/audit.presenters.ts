import type { AuditView } from '../../audit-view';
import type { Translate } from '../../i18n';
import type { FieldErrors } from '../shared/errors';

/*
 * The audit trail as files: the CSV export and, since a file cannot show a message next to a
 * field, the plain-text refusal of wrong filters.
 */

/** One CSV cell: quoted when needed; a leading = + - @ is neutralised so that spreadsheets never run it as a formula. */
export function csvCell(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value);
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /[";\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

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
	return CSV_HEADER.map((k) => csvCell(t(k))).join(';');
}

/** One entry read like the screen: labels, names, and its changes as "field : before → after". */
export function auditCsvLine(v: AuditView, entityId: string | null): string {
	const changes = v.changes.map((c) => (c.before === null ? `${c.label} : ${c.after}` : `${c.label} : ${c.before} → ${c.after}`)).join(' | ');
	return [v.id, v.createdAt, v.actor, v.ip, v.actionLabel, v.entityLabel, v.subject, entityId, changes].map(csvCell).join(';');
}

/** Semicolons, CRLF, UTF-8 with a BOM: what French spreadsheet software opens without asking. */
export function auditCsvFile(lines: readonly string[]): string {
	return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Wrong filters as plain text for the CSV download, one French line per field. */
export function auditFilterRefusalText(t: Translate, errors: FieldErrors): string {
	const label = (field: string) => (field === 'from' ? t('field.from') : field === 'to' ? t('field.to') : field);
	return `${Object.entries(errors)
		.map(([field, m]) => `${label(field)} : ${t(m.key, m.params)}`)
		.join('\n')}\n`;
}
