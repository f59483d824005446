import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The text of a PDF as poppler's pdftotext reads it (UTF-8, layout kept): what a reader would copy. */
export function pdfText(bytes: Uint8Array): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-pdf-'));
	try {
		const file = path.join(dir, 'in.pdf');
		fs.writeFileSync(file, bytes);
		return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
