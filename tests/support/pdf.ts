import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The text of a PDF as poppler's pdftotext reads it (UTF-8): what a reader would copy. `layout`:
 * the physical layout kept (-layout), so that a table's row reads as one line.
 */
export function pdfText(bytes: Uint8Array, options: { layout?: boolean } = {}): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-pdf-'));
	try {
		const file = path.join(dir, 'in.pdf');
		fs.writeFileSync(file, bytes);
		return execFileSync('pdftotext', [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
