import type { CsvSeparator } from '../files/table-file';
import type { FieldErrors } from '../shared/errors';

/** `separateur` of the CSV export: `;` unless asked otherwise (what French spreadsheets open). */
const SEPARATORS: Record<string, CsvSeparator> = { '': ';', 'point-virgule': ';', virgule: ',' };

export function readCsvSeparator(params: URLSearchParams): { ok: true; separator: CsvSeparator } | { ok: false; errors: FieldErrors } {
	const separator = SEPARATORS[params.get('separateur') ?? ''];
	return separator ? { ok: true, separator } : { ok: false, errors: { separateur: { key: 'dashboard.error_separator' } } };
}
