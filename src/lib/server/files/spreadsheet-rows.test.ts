import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSpreadsheetRows } from './spreadsheet-rows';

const LABELS = ['Lycée général', 'Intervention en établissement scolaire', 'Visite d’entreprise à Arques', 'Forum « métiers » — Éperlecques'];

describe('reading a large XLSX', () => {
	it('every accented letter comes back whole, wherever the compressed chunks of the sheet and the shared strings are cut', async () => {
		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mixite-xlsx-'));
		try {
			// Inline strings (the sheet's XML is large) and, in a second file, shared strings (their XML is large).
			for (const useSharedStrings of [false, true]) {
				const file = path.join(dir, `actions-${useSharedStrings}.xlsx`);
				const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
				const sheet = book.addWorksheet('Actions');
				for (let i = 0; i < 6000; i++) sheet.addRow([`Action n° ${i} à l’école élémentaire`, LABELS[i % LABELS.length]]).commit();
				await book.commit();
				const { rows } = await readSpreadsheetRows(new Uint8Array(await fs.readFile(file)));
				expect(rows).toHaveLength(6000);
				const wrong = rows.filter((r, i) => r.cells[0] !== `Action n° ${i} à l’école élémentaire` || r.cells[1] !== LABELS[i % LABELS.length]);
				expect(wrong.slice(0, 3)).toEqual([]);
			}
		} finally {
			await fs.rm(dir, { recursive: true, force: true });
		}
	});
});
