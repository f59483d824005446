import ExcelJS from 'exceljs';

/** A workbook the platform wrote (an export, a template), read back with exceljs. */
export async function readWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
	const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer);
	return workbook;
}

/** A sheet's rows, from its first row, as the values of their cells from column A (a blank row is []). */
export function sheetValues(sheet: ExcelJS.Worksheet): unknown[][] {
	return Array.from(sheet.getSheetValues(), (row) => (Array.isArray(row) ? row.slice(1) : []));
}

/**
 * The table of a sheet written by `xlsxFile`: the header block above it, its header row (the first
 * row that starts with `firstHeader`), its body (blank rows left out) and a reader of a body row's
 * cell by its header.
 */
export function sheetTable(sheet: ExcelJS.Worksheet, firstHeader: string) {
	const all = sheetValues(sheet);
	const at = all.findIndex((row) => row[0] === firstHeader);
	if (at < 0) throw new Error(`no header row starting with « ${firstHeader} » in the sheet « ${sheet.name} »`);
	const header = all[at]!;
	return {
		preamble: all.slice(0, at),
		header,
		body: all.slice(at + 1).filter((row) => row.length > 0),
		cell: (row: unknown[], name: string) => row[header.indexOf(name)]
	};
}
