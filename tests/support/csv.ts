import { parse } from 'csv-parse/sync';

/** A CSV file as rows of cells (BOM, quotes and CRLF as the export writes them), read by the parser the import uses (csv-parse). */
export function parseCsv(text: string, separator = ';'): string[][] {
	return parse(text, { bom: true, delimiter: separator, relax_column_count: true, skip_empty_lines: false }) as string[][];
}
