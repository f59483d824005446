import { describe, expect, it } from 'vitest';
import { csvCell, csvFile, neutraliseFormula, xlsxFile } from './table-file';
import { readWorkbook } from '../../../../tests/support/xlsx';

const DANGEROUS = ['=1+1', '+33 6', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', '＝1+1', '＋1', '－1', '＠A1'];

describe('tables as files', () => {
	it('every cell starting like a formula, in ASCII or full width, is neutralised; others are left alone', () => {
		for (const text of DANGEROUS) expect(neutraliseFormula(text)).toBe(`'${text}`);
		for (const text of ['Réseau Verr’Elles', '3e', 'a=b', 'Saint-Omer']) expect(neutraliseFormula(text)).toBe(text);
	});

	it('CSV: quoted when needed, numbers as numbers (comma decimals with ;), a BOM, CRLF and the preamble first', () => {
		expect(csvCell('Lycée "pro"; Arques')).toBe('"Lycée ""pro""; Arques"');
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(12.5)).toBe('12,5');
		expect(csvCell(12.5, ',')).toBe('12.5');
		const file = csvFile(
			{
				header: ['Public', 'Participations'],
				rows: [
					['Filles', 120],
					['=HYPERLINK("x")', 3]
				]
			},
			{ preamble: [['Période', '2025-2026']] }
		);
		expect(file).toBe('\ufeffPériode;2025-2026\r\n\r\nPublic;Participations\r\nFilles;120\r\n"\'=HYPERLINK(""x"")";3\r\n');
		expect(csvFile({ header: ['a', 'b'], rows: [['x,y', 1.5]] }, { separator: ',' })).toBe('\ufeffa,b\r\n"x,y",1.5\r\n');
	});

	it('CSV: a figure above the table (a share of 52.8 %) is a number too: 52,8 with ;, 52.8 with , and whole numbers unchanged', () => {
		const preamble = [
			['Part de filles et de femmes (%)', 52.8],
			['Participations', 1200],
			['Période', '2025-2026']
		] as const;
		const table = { header: ['Public', 'Participations'], rows: [['Filles', -0.25]] };
		expect(csvFile(table, { preamble })).toBe(
			'\ufeffPart de filles et de femmes (%);52,8\r\nParticipations;1200\r\nPériode;2025-2026\r\n\r\nPublic;Participations\r\nFilles;-0,25\r\n'
		);
		expect(csvFile(table, { preamble, separator: ',' })).toBe(
			'\ufeffPart de filles et de femmes (%),52.8\r\nParticipations,1200\r\nPériode,2025-2026\r\n\r\nPublic,Participations\r\nFilles,-0.25\r\n'
		);
	});

	it('XLSX: the preamble above the table, numbers as numbers, text neutralised', async () => {
		const bytes = await xlsxFile([
			{
				name: 'Tableau: bord/2025',
				title: 'Tableau de bord',
				preamble: [
					['Période', 'année scolaire 2025-2026'],
					['Part de filles (%)', 52.8]
				],
				header: ['Public', 'Participations'],
				rows: [
					['Filles', 120],
					['@cmd', 7]
				]
			}
		]);
		const ws = (await readWorkbook(bytes)).worksheets[0]!;
		expect(ws.name).toBe('Tableau  bord 2025');
		const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
		expect(values(1)).toEqual(['Tableau de bord']);
		expect(values(2)).toEqual(['Période', 'année scolaire 2025-2026']);
		expect(values(3)).toEqual(['Part de filles (%)', 52.8]);
		expect(values(5)).toEqual(['Public', 'Participations']);
		expect(values(6)).toEqual(['Filles', 120]);
		expect(values(7)).toEqual(["'@cmd", 7]);
		expect(typeof ws.getRow(6).getCell(2).value).toBe('number');
	});
});
