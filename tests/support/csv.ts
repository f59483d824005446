/** A CSV file as rows of cells (quotes, BOM and CRLF as the export writes them). */
export function parseCsv(text: string, separator: string): string[][] {
	const out: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const body = text.replace(/^\ufeff/, '');
	for (let i = 0; i < body.length; i++) {
		const c = body[i]!;
		if (quoted && c === '"' && body[i + 1] === '"') {
			cell += '"';
			i++;
		} else if (quoted && c === '"') quoted = false;
		else if (quoted) cell += c;
		else if (c === '"') quoted = true;
		else if (c === separator) {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && body[i + 1] === '\n') {
			row.push(cell);
			out.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	return out;
}
