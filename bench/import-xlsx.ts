/**
 * npm run bench:import — the import of a legacy spreadsheet of 100,000 activities (XLSX as a French
 * office writes it: a title row, synonyms in the headers, date cells, a Total formula per line, a
 * TOTAL row) into the default territory, through `importActivities`: the dry run, then the commit
 * (all or nothing), then the same file again (every row a duplicate). Time and the process's extra
 * memory (peak RSS sampled every 10 ms, minus the RSS just before the import). On PGlite (the
 * embedded default, on disk; for information) and on PostgreSQL (a throw-away server; the targets,
 * < 20 s and < 300 MB). Writes its section of BENCHMARKS.md.
 *
 *   BENCH_IMPORT_ROWS=100000 BENCH_IMPORT_DB=pglite,postgres npm run bench:import
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importActivities } from '../src/lib/server/activities/activities.import';
import { migrate, openDatabase, type Database } from '../src/lib/server/db/client';
import { seedDefaultTerritory } from '../src/lib/server/seed/default-territory';
import { SYSTEM_ACTOR } from '../src/lib/server/shared/scope';
import { startPostgres } from '../tests/support/pg-server';
import { replaceSection } from './sections';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const KINDS = (process.env.BENCH_IMPORT_DB ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const TARGET_S = 20;
const TARGET_MB = 300;

interface Run {
	seconds: number;
	extraMb: number;
	/** Peak of the JavaScript heap in use plus external memory (buffers), above the same before the call. */
	heldMb: number;
	created: number;
	duplicates: number;
	problems: number;
	participations: number;
}

/** One call of `importActivities`, timed, with the process's peak RSS above the RSS before it. */
async function measure(database: Database, territoryId: number, bytes: Uint8Array, dryRun: boolean): Promise<Run> {
	(globalThis as { gc?: () => void }).gc?.();
	const before = process.memoryUsage();
	const held = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
	let peak = before.rss;
	let peakHeld = held(before);
	const sample = () => {
		const m = process.memoryUsage();
		peak = Math.max(peak, m.rss);
		peakHeld = Math.max(peakHeld, held(m));
	};
	const sampler = setInterval(sample, 10);
	const start = performance.now();
	const summary = await importActivities(database.db, { territoryId }, SYSTEM_ACTOR, { bytes, name: 'actions.xlsx' }, { dryRun, today: '2026-11-29' });
	const seconds = (performance.now() - start) / 1000;
	clearInterval(sampler);
	if (summary.problems.length > 0) console.error(summary.problems.slice(0, 5));
	sample();
	return {
		seconds,
		extraMb: (peak - before.rss) / 1024 / 1024,
		heldMb: (peakHeld - held(before)) / 1024 / 1024,
		created: summary.created,
		duplicates: summary.duplicates,
		problems: summary.problems.length,
		participations: summary.participations
	};
}

/**
 * Each call runs in a process of its own (this script with `--call`): its memory before the call
 * holds only the modules and the open database, so neither an earlier call's garbage nor the
 * heap limit it left behind moves the figures.
 */
if (process.argv[2] === '--call') {
	const [, , , where, territoryId, file, mode] = process.argv;
	const database = await openDatabase(where!.startsWith('postgres') ? { databaseUrl: where! } : { dataDir: where! });
	try {
		const run = await measure(database, Number(territoryId), new Uint8Array(await fs.readFile(file!)), mode === 'dry');
		console.log(JSON.stringify(run));
	} finally {
		await database.close();
	}
	process.exit(0);
}

const callInChild = (where: string, territoryId: number, file: string, mode: 'dry' | 'commit'): Run =>
	JSON.parse(
		execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--call', where, String(territoryId), file, mode], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024
		})
			.trim()
			.split('\n')
			.at(-1)!
	) as Run;

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mixite-bench-import-'));
const file = path.join(dir, 'actions.xlsx');
// Written by a child process: no measured process holds anything of the writing.
const written = JSON.parse(
	execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'legacy-workbook.ts'), file, String(ROWS)], { encoding: 'utf8' })
		.trim()
		.split('\n')
		.at(-1)!
) as { participations: number; bytes: number };
const results: { kind: string; dry: Run; commit: Run; again: Run }[] = [];
for (const kind of KINDS) {
	const server = kind === 'postgres' ? await startPostgres() : null;
	const where = server ? server.url : path.join(dir, 'pglite');
	try {
		// Set up, then closed: the embedded database's directory is opened by one process at a time.
		const database = await openDatabase(server ? { databaseUrl: server.url } : { dataDir: where });
		let territoryId: number;
		try {
			await migrate(database);
			({ territoryId } = await seedDefaultTerritory(database.db));
		} finally {
			await database.close();
		}
		const dry = callInChild(where, territoryId, file, 'dry');
		const commit = callInChild(where, territoryId, file, 'commit');
		const again = callInChild(where, territoryId, file, 'commit');
		results.push({ kind, dry, commit, again });
		console.log(kind, { dry, commit, again });
	} finally {
		await server?.stop();
	}
}
await fs.rm(dir, { recursive: true, force: true });

/** The targets are held on PostgreSQL, the database of the national scale; PGlite's figures are for information. */
const TARGET_KIND = 'postgres';
const pass = (r: Run) => (r.seconds < TARGET_S && r.extraMb < TARGET_MB && r.heldMb < TARGET_MB && r.problems === 0 ? 'PASS' : 'FAIL');
const line = (kind: string, what: string, r: Run) =>
	`| ${names[kind as keyof typeof names]} | ${what} | ${r.seconds.toFixed(1)} s | ${r.extraMb.toFixed(0)} MB | ${r.heldMb.toFixed(0)} MB | ${r.created.toLocaleString('en')} | ${r.duplicates.toLocaleString('en')} | ${r.problems} | ${kind === TARGET_KIND ? pass(r) : 'info'} |`;
const names = { pglite: 'PGlite (on disk)', postgres: 'PostgreSQL 15' } as const;
const body = `## Import of a legacy spreadsheet

Written by \`npm run bench:import\` on ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}, load average ${os
	.loadavg()
	.map((l) => l.toFixed(1))
	.join(' / ')} at the end.

The file: ${ROWS.toLocaleString('en')} activities of the default territory as a French office writes them (title row, headers with synonyms, date cells and typed dates, a Total formula per line, a blank row and a TOTAL row), ${(written.bytes / 1024 / 1024).toFixed(1)} MB, ${written.participations.toLocaleString('en')} participations. \`importActivities\` in-process: the dry run, the commit (one transaction, aggregates updated in it), then the same file again (nothing added). Each call runs in a fresh Node process (the workbook is written by another): extra memory is that process's peak RSS (sampled every 10 ms) minus its RSS just before the call, with the modules loaded and the database open; beside it, the peak of the JavaScript heap in use plus external memory above the same just before the call. Targets: < ${TARGET_S} s and < ${TARGET_MB} MB of extra memory, on PostgreSQL (the database of the national scale). The reading and checking run in Node while PostgreSQL, in its own process, writes the slice before (5,000 rows per statement; the reading held while two slices wait); at the end the database adds the activities written to the aggregates, one statement per aggregate table. PGlite's figures are for information: it runs PostgreSQL compiled to WebAssembly inside the app's one thread, so its writes cannot overlap the reading, and its database memory is the process's own.

| Database | Call | Time | Extra memory (RSS) | Heap + external | Created | Duplicates | Problems | Result |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |
${results.flatMap((r) => [line(r.kind, 'dry run', r.dry), line(r.kind, 'commit', r.commit), line(r.kind, 'same file again', r.again)]).join('\n')}

Participations added by the commit: ${results.map((r) => `${names[r.kind as keyof typeof names]} ${r.commit.participations.toLocaleString('en')}`).join(', ')} (the file's sum: ${written.participations.toLocaleString('en')}).`;
const out = path.join(ROOT, 'BENCHMARKS.md');
await fs.writeFile(out, replaceSection(await fs.readFile(out, 'utf8').catch(() => '# Benchmarks\n'), 'import-xlsx', body));
console.log(body);
const failed = results.some(
	(r) =>
		(r.kind === TARGET_KIND && [r.dry, r.commit, r.again].some((x) => pass(x) === 'FAIL')) ||
		r.commit.created !== ROWS ||
		r.again.duplicates !== ROWS ||
		r.commit.participations !== written.participations
);
process.exit(failed ? 1 : 0);
