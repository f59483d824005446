import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipOf } from '../../../../tests/support/zip';
import { ValidationError } from '../shared/errors';
import { eachSpreadsheetRow, readSpreadsheetRows } from './spreadsheet-rows';

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

describe('the reader of the rows stops the reading', () => {
	it('when its `between` throws, its error goes up as it is (not « unreadable »), XLSX or CSV, and no row is given after it', async () => {
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('Actions');
		for (let i = 0; i < 20_000; i++) sheet.addRow([`Action n° ${i} à l’école élémentaire`, i]);
		const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
		const csv = new TextEncoder().encode(Array.from({ length: 20_000 }, (_, i) => `Action n° ${i};${i}`).join('\n'));
		for (const bytes of [xlsx, csv]) {
			let given = 0;
			let stoppedAt = -1;
			const failure = new Error('écriture refusée');
			const reading = eachSpreadsheetRow(
				bytes,
				{
					between: () => {
						if (given >= 1_000) {
							stoppedAt = given;
							throw failure;
						}
					}
				},
				() => void given++
			);
			await expect(reading).rejects.toBe(failure);
			expect(given).toBe(stoppedAt);
			expect(given).toBeLessThan(20_000);
		}
	});
});

/** A minimal XLSX written by hand: the parts a workbook needs, with the given sheet data. */
function handMadeXlsx(sheetData: string, options: { prefix?: string; date1904?: boolean; sharedStrings?: string[]; styles?: string } = {}): Uint8Array {
	const x = options.prefix ? `${options.prefix}:` : '';
	const ns = `xmlns${options.prefix ? `:${options.prefix}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
	const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	return zipOf({
		'[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
		'xl/workbook.xml': `<?xml version="1.0"?><${x}workbook ${ns} xmlns:r="${rel}">${options.date1904 ? `<${x}workbookPr date1904="1"/>` : ''}<${x}sheets><${x}sheet name="Suivi" sheetId="1" r:id="rId7"/><${x}sheet name="Autre" sheetId="2" r:id="rId8"/></${x}sheets></${x}workbook>`,
		'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="${rel}/worksheet" Target="worksheets/other.xml"/><Relationship Id="rId7" Type="${rel}/worksheet" Target="/xl/worksheets/suivi.xml"/><Relationship Id="rId9" Type="${rel}/sharedStrings" Target="strings.xml"/><Relationship Id="rId10" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
		'xl/styles.xml':
			options.styles ??
			`<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="[$-40C]d\\ mmmm\\ yyyy;@"/><numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`,
		'xl/strings.xml': `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${(options.sharedStrings ?? []).map((s) => `<si>${s}</si>`).join('')}</sst>`,
		'xl/worksheets/suivi.xml': `<?xml version="1.0"?><${x}worksheet ${ns}><${x}sheetData>${sheetData}</${x}sheetData></${x}worksheet>`,
		'xl/worksheets/other.xml': `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Mauvaise feuille</t></is></c></row></sheetData></worksheet>`
	});
}

describe('reading an XLSX file as other tools write it', () => {
	it('the first sheet by the workbook’s order, shared strings with runs (phonetic guides left out), inline strings, formulas’ results, booleans, errors, dates by built-in and custom formats, holes and rows without numbers', async () => {
		const sheet =
			'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><r><t>Lycée </t></r><r><rPr><b/></rPr><t xml:space="preserve">pro </t></r><rPh><t>X</t></rPh></is></c></row>' +
			'<row r="3"><c r="A3" s="1"><v>45929</v></c><c r="B3" s="2"><v>45930.5</v></c><c r="C3" s="3"><v>12.5</v></c><c r="D3"><f>SUM(E3:F3)</f><v>7</v></c><c r="E3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="F3" t="b"><v>1</v></c><c r="G3" t="e"><v>#DIV/0!</v></c><c r="H3"><f>NOW()</f></c></row>' +
			'<row><c t="inlineStr"><is><t>sans numéro</t></is></c><c><v>3</v></c></row>';
		const { rows } = await readSpreadsheetRows(
			handMadeXlsx(sheet, { sharedStrings: ['<t>Saint-Omer</t>', '<r><t>Verr’</t></r><r><t>Elles</t></r><rPh sb="0" eb="1"><t>ヴ</t></rPh>'] })
		);
		expect(rows).toEqual([
			{ line: 1, cells: [] },
			{ line: 2, cells: ['Saint-Omer', null, 'Verr’Elles', 'Lycée pro '] },
			{ line: 3, cells: [new Date('2025-09-29T00:00:00Z'), new Date('2025-09-30T12:00:00Z'), 12.5, 7, 'ab', true, '#DIV/0!', null] },
			{ line: 4, cells: ['sans numéro', 3] }
		]);
	});

	it('a prefixed main namespace and the 1904 date system', async () => {
		const sheet = '<x:row r="1"><x:c r="B1" s="1"><x:v>44467</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Arques</x:t></x:is></x:c></x:row>';
		const { rows } = await readSpreadsheetRows(handMadeXlsx(sheet, { prefix: 'x', date1904: true }));
		expect(rows).toEqual([{ line: 1, cells: [null, new Date('2025-09-29T00:00:00Z'), 'Arques'] }]);
	});

	it('a part that is not well-formed XML, or that declares an entity, is refused in French as unreadable; nothing external is fetched', async () => {
		const refused = async (bytes: Uint8Array) => {
			try {
				await readSpreadsheetRows(bytes);
				return 'read';
			} catch (error) {
				return error instanceof ValidationError ? error.fields.file?.key : String(error);
			}
		};
		expect(await refused(handMadeXlsx('<row r="1"><c r="A1"><v>1</v></row>'))).toBe('spreadsheet.error.unreadable');
		const external = handMadeXlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>', {
			styles:
				'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
		});
		expect(await refused(external)).toBe('spreadsheet.error.unreadable');
	});
});
