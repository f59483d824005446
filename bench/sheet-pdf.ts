/**
 * npm run bench:pdf — the action sheet's PDF (`/t/<slug>/fiche.pdf`, public): how long pdfkit takes
 * for the default territory's sheet, with the DejaVu Sans WOFF files given to pdfkit as they are
 * and converted once to TrueType (what the platform does). Writes its section of BENCHMARKS.md.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase } from '../src/lib/server/db/client';
import { seedDefaultTerritory } from '../src/lib/server/seed/default-territory';
import { renderSheetPdf } from '../src/lib/server/sheet/sheet.pdf';
import { presentSheet } from '../src/lib/server/sheet/sheet.presenters';
import { getSheet } from '../src/lib/server/sheet/sheet.usecases';
import { replaceSection } from './sections';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const database = await openDatabase({ dataDir: 'memory://' });
await migrate(database);
const { territoryId } = await seedDefaultTerritory(database.db);
const sheet = presentSheet(await getSheet(database.db, { territoryId }));

async function timings(options: { rawWoff: boolean }): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		await renderSheetPdf(sheet, 'fr', options);
		out.push(performance.now() - start);
	}
	return out.sort((a, b) => a - b);
}
const rank = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const row = (what: string, t: number[]) =>
	`| ${what} | ${t.length} | ${rank(t, 50).toFixed(0)} ms | ${rank(t, 95).toFixed(0)} ms | ${t[t.length - 1]!.toFixed(0)} ms |`;

const converted = await timings({ rawWoff: false });
const raw = await timings({ rawWoff: true });
await database.close();

const body = `## The action sheet's PDF

Written by \`npm run bench:pdf\` on ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}. The default territory's sheet (source text, no activity), rendered in-process by \`renderSheetPdf\`, one at a time; p50 / p95 nearest-rank.

| Fonts given to pdfkit | Renders | p50 | p95 | max |
| --- | ---: | ---: | ---: | ---: |
${row('DejaVu Sans WOFF converted once to TrueType (the platform)', converted)}
${row('DejaVu Sans WOFF files as they are', raw)}

pdfkit (fontkit) inflates a WOFF table again for each glyph it reads: the conversion, done once per font, is what keeps the public \`/t/<slug>/fiche.pdf\` cheap.`;
const file = path.join(ROOT, 'BENCHMARKS.md');
const previous = await fs.readFile(file, 'utf8').catch(() => '# Benchmarks\n');
await fs.writeFile(file, replaceSection(previous, 'sheet-pdf', body));
console.log(body);
