import { ensureRoom, PDF_COLOURS as COLOURS, PDF_MARGIN as X } from '../shared/pdf';
import { FILL, type ReportDrawing } from './report.blocks.pdf';

/* The yearly report's tables: a Table structure element of TR/TH/TD, its rules and header background artifacts. */

export interface Column {
	label: string;
	width: number;
	align?: 'left' | 'right';
}

/** A table whose rows wrap their text; its header row is drawn again at the top of each new page. */
export function drawTable(drawing: ReportDrawing, columns: Column[], rows: string[][], tableOptions: { lastRowBold?: boolean } = {}): void {
	const { doc, width, root, artifact } = drawing;
	const pad = 4;
	const size = 8.5;
	const structure = doc.struct('Table');
	root.add(structure);
	const heightOf = (cells: string[], font: string) => {
		doc.font(font).fontSize(size);
		return Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: columns[i]!.width - 2 * pad }))) + 2 * pad;
	};
	const row = (cells: string[], kind: 'header' | 'body' | 'total') => {
		const font = kind === 'body' ? 'body' : 'bold';
		const height = heightOf(cells, font);
		const y = doc.y;
		artifact(() => {
			if (kind === 'header') doc.rect(X, y, width, height).fill(FILL.header);
			doc
				.moveTo(X, y + height)
				.lineTo(X + width, y + height)
				.lineWidth(kind === 'body' ? 0.4 : 0.8)
				.strokeColor(COLOURS.rule)
				.stroke();
		});
		const tr = doc.struct('TR');
		structure.add(tr);
		let x = X;
		cells.forEach((cell, i) => {
			const column = columns[i]!;
			const left = x;
			tr.add(
				doc.struct(kind === 'header' ? 'TH' : 'TD', {}, () => {
					doc
						.font(font)
						.fontSize(size)
						.fillColor(COLOURS.text)
						.text(cell, left + pad, y + pad, { width: column.width - 2 * pad, align: column.align ?? 'left' });
				})
			);
			x += column.width;
		});
		tr.end();
		doc.x = X;
		doc.y = y + height;
	};
	const header = columns.map((c) => c.label);
	ensureRoom(doc, heightOf(header, 'bold') + 40);
	row(header, 'header');
	rows.forEach((cells, i) => {
		const kind = tableOptions.lastRowBold && i === rows.length - 1 ? 'total' : 'body';
		if (doc.y + heightOf(cells, kind === 'body' ? 'body' : 'bold') > doc.page.height - doc.page.margins.bottom) {
			doc.addPage();
			row(header, 'header');
		}
		row(cells, kind);
	});
	structure.end();
	doc.moveDown(0.6);
}
