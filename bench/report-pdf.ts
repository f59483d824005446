/**
 * npm run bench:report — the yearly report's PDF (`/t/<slug>/bilan.pdf`, `mixite report`) on the
 * national-scale dataset of `npm run bench` (generated the same way, on a throw-away PostgreSQL):
 * the whole use case, figures read through the app's own connection pool and the PDF drawn by
 * pdfkit, for the school year 2025-2026, in the largest territory and in random ones. Target: < 5 s.
 * Writes its section of BENCHMARKS.md.
 *
 * Environment: BENCH_ACTIVITIES (default 2,000,000), BENCH_SEED (default 2026), BENCH_RUNS (random
 * territories measured, default 20), BENCH_OUTPUT (default BENCHMARKS.md).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrate, openDatabase, type Database } from '../src/lib/server/db/client';
import { rebuildAggregates } from '../src/lib/server/indicator/indicator.consistency';
import { getReportPdf } from '../src/lib/server/report/report.usecases';
import { SYSTEM_PRINCIPAL, type Actor } from '../src/lib/server/shared/scope';
import { startPostgres, type PostgresServer } from '../tests/support/pg-server';
import { describeMachine, one } from './describe';
import { generateDataset, prng, SCHOOL_YEARS } from './generate';
import { replaceSection } from './sections';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_MS = 5000;
const YEAR = SCHOOL_YEARS[SCHOOL_YEARS.length - 1]!;
const ACTOR: Actor = { userId: 'bench', principal: SYSTEM_PRINCIPAL };
const envInt = (name: string, fallback: number) => {
	const value = Number((process.env[name] ?? '').replace(/[_,\s]/g, '') || fallback);
	if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
	return value;
};
const activities = envInt('BENCH_ACTIVITIES', 2_000_000);
const seed = envInt('BENCH_SEED', 2026);
const runs = envInt('BENCH_RUNS', 20);
const output = process.env.BENCH_OUTPUT ?? path.join(ROOT, 'BENCHMARKS.md');
const log = (message: string) => console.log(message);

const rank = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: 0 })} ms`;

let server: PostgresServer | undefined;
let database: Database | undefined;
let exitCode = 0;
try {
	server = await startPostgres();
	database = await openDatabase({ databaseUrl: server.url });
	await migrate(database);
	const bulk = new pg.Client({ connectionString: server.url });
	await bulk.connect();
	try {
		log(`Generating ${activities.toLocaleString('en-US')} activities in 180 territories…`);
		const started = performance.now();
		await generateDataset(database, bulk, { activities, territories: 180, seed, log });
		await database.db.transaction(async (tx) => {
			await tx.execute(sql`set local work_mem = '256MB'`);
			await rebuildAggregates(tx);
		});
		await bulk.query('vacuum analyze');
		const generation = (performance.now() - started) / 1000;
		const machine = await describeMachine(bulk, 'throw-away local server of `tests/support/pg-server.ts`');
		const largest = await one<{ id: number; n: string }>(bulk, `select territory_id as id, count(*) as n from activities group by 1 order by 2 desc limit 1`);
		const ids = (await bulk.query<{ id: number }>('select id from territories order by id')).rows.map((r) => r.id);

		const time = async (territoryId: number) => {
			const t0 = performance.now();
			const pdf = await getReportPdf(database!.db, { territoryId }, ACTOR, YEAR, 'fr');
			return { ms: performance.now() - t0, bytes: pdf.bytes.length };
		};
		await time(largest.id); // warm-up: pdfkit and the fonts loaded, the connection pool opened
		const random = prng(seed + 7);
		const sample: number[] = [];
		let largestBytes = 0;
		for (let i = 0; i < runs; i++) {
			const r = await time(ids[Math.floor(random() * ids.length)]!);
			sample.push(r.ms);
			largestBytes = Math.max(largestBytes, r.bytes);
		}
		const biggest: number[] = [];
		for (let i = 0; i < 5; i++) biggest.push((await time(largest.id)).ms);
		sample.sort((a, b) => a - b);
		biggest.sort((a, b) => a - b);
		const worst = Math.max(sample[sample.length - 1]!, biggest[biggest.length - 1]!);
		const pass = worst < TARGET_MS;
		if (!pass) exitCode = 1;
		const row = (what: string, t: number[]) =>
			`| ${what} | ${t.length} | ${ms(rank(t, 50))} | ${ms(rank(t, 95))} | ${ms(t[t.length - 1]!)} | < 5 s | ${t[t.length - 1]! < TARGET_MS ? 'PASS' : 'FAIL'} |`;
		const body = `## The yearly report's PDF (bilan)

Written by \`npm run bench:report\` on ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC. ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB.toFixed(1)} GiB, Node ${machine.node}, ${machine.postgres.split(' on ')[0]} (${machine.server}). Dataset: the national-scale one of \`npm run bench\` (${activities.toLocaleString('en-US')} activities, 180 territories, seed ${seed}; generated and aggregated in ${generation.toFixed(0)} s). Each call is the whole use case \`getReportPdf\` for the school year ${YEAR}, in-process, one at a time: its figures read through the app's connection pool (indicator of the year, of the year before and of each initiative, targets, plan, agreements, mentoring) and the PDF drawn by pdfkit (largest PDF: ${Math.ceil(largestBytes / 1024)} KB). p50 / p95 nearest-rank.

| Measure | Calls | p50 | p95 | max | Target (max) | Result |
| --- | ---: | ---: | ---: | ---: | ---: | :---: |
${row('Yearly report PDF, random territory', sample)}
${row(`Yearly report PDF, largest territory (#${largest.id}, ${Number(largest.n).toLocaleString('en-US')} activities)`, biggest)}`;
		const previous = await fs.readFile(output, 'utf8').catch(() => '# Benchmarks\n');
		await fs.writeFile(output, replaceSection(previous, 'report-pdf', body));
		log(body);
	} finally {
		await bulk.end();
	}
} catch (error) {
	console.error(error);
	exitCode = 1;
} finally {
	await database?.close().catch(() => {});
	await server?.stop().catch(() => {});
}
process.exitCode = exitCode;
