/** Messages of the import of legacy activity spreadsheets (XLSX, CSV); spread into fr.ts and en.ts. */
export const spreadsheetImportFr = {};

export const spreadsheetImportEn: Record<keyof typeof spreadsheetImportFr, string> = {};
