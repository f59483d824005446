/**
 * npm run bench:dashboard — the dashboards on the national-scale dataset of `bench/run.ts`:
 * the territory dashboard's model (p95, random territory, as for the indicator) and its XLSX
 * export for the largest territory, all time; the national dashboard's model and its XLSX export,
 * all time (targets as for the indicator: 50 ms p95 for a territory's model, 100 ms for the national one; under 5 s for an export). Writes its own section of
 * BENCHMARKS.md (`replaceSection`).
 *
 *   BENCH_ACTIVITIES     activities to generate (default 2,000,000; e.g. 50000 for a smoke run)
 *   BENCH_SEED           generator seed (default 2026)
 *   BENCH_DATABASE_URL   an existing, EMPTY PostgreSQL database instead of a throw-away server
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { translator } from '../src/lib/i18n';
import { dashboardFile, nationalDashboardContext } from '../src/lib/server/dashboard/dashboard.presenters';
import { dashboardPage, nationalDashboardPage } from '../src/lib/server/dashboard/dashboard.usecases';
import { migrate, openDatabase, type Database } from '../src/lib/server/db/client';
import { rebuildAggregates } from '../src/lib/server/indicator/indicator.consistency';
import { actorOf } from '../tests/support/actors';
import { SYSTEM_ACTOR } from '../src/lib/server/shared/scope';
import { startPostgres, type PostgresServer } from '../tests/support/pg-server';
import { one } from './describe';
import { generateDataset, prng, SCHOOL_YEARS } from './generate';
import { measure, passes, type Sample } from './measure';
import { replaceSection } from './sections';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TERRITORIES = 180;
const CURRENT_YEAR = SCHOOL_YEARS[SCHOOL_YEARS.length - 1]!;
/** A day inside the last generated school year, so that it is one the filters offer. */
const TODAY = `${CURRENT_YEAR.slice(5)}-06-15`;
const TARGETS = { dashboard: 50, nationalDashboard: 100, xlsx: 5000 } as const;

const log = (message: string) => console.log(message);

async function main(): Promise<number> {
	const activities = Number(process.env.BENCH_ACTIVITIES ?? 2_000_000);
	const seed = Number(process.env.BENCH_SEED ?? 2026);
	process.env.MIGRATIONS_DIR ??= path.join(ROOT, 'drizzle');
	let server: PostgresServer | undefined;
	let database: Database | undefined;
	try {
		const url = process.env.BENCH_DATABASE_URL ?? (server = await startPostgres()).url;
		database = await openDatabase({ databaseUrl: url });
		await migrate(database);
		const bulk = new pg.Client({ connectionString: url });
		await bulk.connect();
		try {
			log(`Dashboard benchmark: ${TERRITORIES} territories, ${activities.toLocaleString('en-US')} activities (seed ${seed})`);
			await generateDataset(database, bulk, { activities, territories: TERRITORIES, seed, log });
			await database.db.transaction(async (tx) => {
				await tx.execute(sql`set local work_mem = '256MB'`);
				await rebuildAggregates(tx);
			});
			await bulk.query('vacuum analyze');
			const territories = (await bulk.query<{ id: number; slug: string; name: string }>('select id, slug, name from territories order by id')).rows;
			const largest = await one<{ id: number; n: string }>(bulk, 'select territory_id as id, count(*) as n from activities group by 1 order by 2 desc limit 1');
			const db = database.db;
			const random = prng(seed + 1);
			const t = translator('fr');
			const samples: Sample[] = [];
			const report = (s: Sample) => {
				samples.push(s);
				log(`  ${s.name}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms${passes(s) ? ' — PASS' : ' — FAIL'}`);
			};
			report(
				await measure(
					{ name: `Dashboard model, school year ${CURRENT_YEAR}`, iterations: 200, warmup: 20, target: TARGETS.dashboard, note: 'random territory each call.' },
					() => territories[Math.floor(random() * territories.length)]!,
					(territory) =>
						dashboardPage(db, { territoryId: territory.id }, SYSTEM_ACTOR, new URLSearchParams(`period=year&schoolYear=${CURRENT_YEAR}`), { today: TODAY })
				)
			);
			const big = territories.find((x) => x.id === largest.id)!;
			report(
				await measure(
					{
						name: `Dashboard XLSX export, all time, largest territory (${Number(largest.n).toLocaleString('en-US')} activities)`,
						iterations: 10,
						warmup: 2,
						target: TARGETS.xlsx
					},
					() => big,
					async (territory) => {
						const page = await dashboardPage(db, { territoryId: territory.id }, SYSTEM_ACTOR, new URLSearchParams('period=all'), { today: TODAY });
						if (!page.ok) throw new Error('filters refused');
						await dashboardFile('xlsx', page.model, { t, locale: 'fr', territory }, page.initiatives);
					}
				)
			);
			const admin = actorOf({ userId: 'bench-admin', platformAdmin: true, roles: [] });
			const nationalModel = async (query: string) => {
				const page = await nationalDashboardPage(db, admin, new URLSearchParams(query), { today: TODAY });
				if (!page.ok) throw new Error('filters refused');
				return page.model;
			};
			report(
				await measure(
					{
						name: `National dashboard model, school year ${CURRENT_YEAR}`,
						iterations: 100,
						warmup: 10,
						target: TARGETS.nationalDashboard,
						note: 'every territory.'
					},
					() => `period=year&schoolYear=${CURRENT_YEAR}`,
					nationalModel
				)
			);
			report(
				await measure(
					{
						name: `National dashboard XLSX export, all time (${activities.toLocaleString('en-US')} activities)`,
						iterations: 10,
						warmup: 2,
						target: TARGETS.xlsx
					},
					() => 'period=all',
					async (query) => dashboardFile('xlsx', await nationalModel(query), nationalDashboardContext(t, 'fr'), [])
				)
			);
			const table = [
				'| Measure | Iterations | p50 | p95 | max | Target (p95) | Result |',
				'| --- | ---: | ---: | ---: | ---: | ---: | :---: |',
				...samples.map(
					(s) =>
						`| ${s.name} | ${s.iterations} | ${s.p50.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.max.toFixed(1)} ms | ${s.target! >= 1000 ? `< ${s.target! / 1000} s` : `< ${s.target} ms`} | ${passes(s) ? 'PASS' : 'FAIL'} |`
				)
			].join('\n');
			log(`\n${table}`);
			const postgres = await one<{ v: string }>(bulk, "select current_setting('server_version') as v");
			const cpus = os.cpus();
			const body = `## The dashboards and their XLSX exports

Written by \`npm run bench:dashboard\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL ${postgres.v}${server ? ' (throw-away server of `tests/support/pg-server.ts`)' : ''}, on the national-scale dataset of \`npm run bench\` (${TERRITORIES} territories, ${activities.toLocaleString('en-US')} activities, seed ${seed}). Each call is the whole use case, in-process, one at a time: \`dashboardPage\` for a random territory (filters, reach, indicator of the year, months of the year before, targets), \`nationalDashboardPage\` for every territory (the national aggregates, months of the year before); an export is the model then the file (\`dashboardFile\`). p50 / p95 nearest-rank. Other work on the machine at the same time makes these figures pessimistic.

${table}
`;
			const out = path.join(ROOT, 'BENCHMARKS.md');
			await fs.writeFile(out, replaceSection(await fs.readFile(out, 'utf8').catch(() => '# Benchmarks\n'), 'dashboard', body));
			return samples.every(passes) ? 0 : 1;
		} finally {
			await bulk.end();
		}
	} finally {
		await database?.close().catch(() => {});
		await server?.stop().catch(() => {});
	}
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(e);
		process.exit(1);
	}
);
