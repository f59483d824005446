/**
 * npm run bench — national-scale benchmark of the indicator and of recording an activity.
 *
 * Environment:
 *   BENCH_ACTIVITIES     activities to generate (default 2,000,000; e.g. 50000 for a smoke run)
 *   BENCH_SEED           seed of the generator and of the random picks (default 2026)
 *   BENCH_OUTPUT         report file (default BENCHMARKS.md at the repository root)
 *   BENCH_DATABASE_URL   an existing, EMPTY PostgreSQL database to use instead of a throw-away server
 *
 * Exits non-zero if a p95 target is missed or an aggregate differs from a full recount.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createActivity } from '../src/lib/server/activities/activities.usecases';
import { migrate, openDatabase, type Database, type Db } from '../src/lib/server/db/client';
import { compareAggregates, rebuildAggregates } from '../src/lib/server/indicator/indicator.consistency';
import { nationalIndicator, territoryIndicator } from '../src/lib/server/indicator/indicator.usecases';
import { todayInParis } from '../src/lib/server/shared/paris-time';
import { ACTIVITY_TYPES, AUDIENCES } from '../src/lib/domain/reference';
import { startPostgres, type PostgresServer } from '../tests/support/pg-server';
import { generateDataset, prng, SCHOOL_YEARS, type GenerationPhase } from './generate';
import { addDays } from '../src/lib/server/seed/demo';
import { SYSTEM_PRINCIPAL, type Actor } from '../src/lib/server/shared/scope';
import { describeDataset, describeMachine, one } from './describe';
import { diagnose, type Diagnosis } from './diagnose';
import { measure, passes, type Sample } from './measure';
import { keepSections } from './sections';
import { consistent, renderReport, resultsTable, succeeded, type Consistency, type Report } from './report';

/** The benchmark writes as the platform itself (whole territory). */
const BENCH_ACTOR: Actor = { userId: 'bench', principal: SYSTEM_PRINCIPAL };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TERRITORIES = 180;
const CURRENT_YEAR = SCHOOL_YEARS[SCHOOL_YEARS.length - 1]!;
const TARGETS = { territory: 50, national: 100, record: 20 } as const;

function envInt(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw.replace(/[_,\s]/g, ''));
	if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer (got ${raw})`);
	return value;
}

const log = (message: string) => console.log(message);

interface TerritoryRef {
	territoryId: number;
	initiativeIds: number[];
	communeCodes: string[];
}

async function loadTerritories(client: pg.Client): Promise<TerritoryRef[]> {
	const result = await client.query<{ id: number; initiatives: number[]; communes: string[] }>(
		`select t.id,
		        (select array_agg(i.id order by i.position) from initiatives i where i.territory_id = t.id) as initiatives,
		        (select array_agg(c.code_insee order by c.code_insee) from communes c where c.territory_id = t.id) as communes
		 from territories t order by t.id`
	);
	return result.rows.map((r) => ({ territoryId: r.id, initiativeIds: r.initiatives, communeCodes: r.communes }));
}

async function checkConsistency(database: Database, client: pg.Client, territories: TerritoryRef[], random: () => number): Promise<Consistency> {
	const t0 = performance.now();
	const tables = await compareAggregates(database.db);
	const crossChecks: Consistency['crossChecks'] = [];
	const fmt = (p: number, a: number) => `${p.toLocaleString('en-US')} / ${a.toLocaleString('en-US')}`;
	const picks = new Set<TerritoryRef>();
	while (picks.size < Math.min(5, territories.length)) picks.add(territories[Math.floor(random() * territories.length)]!);
	for (const t of picks) {
		const figure = await territoryIndicator(database.db, { territoryId: t.territoryId }, {});
		const raw = await one<{ p: string; a: string }>(
			client,
			`select (select coalesce(sum(aa.count), 0) from activities a join activity_audiences aa on aa.activity_id = a.id where a.territory_id = $1 and a.status = 'done') as p,
			        (select count(*) from activities a where a.territory_id = $1 and a.status = 'done') as a`,
			[t.territoryId]
		);
		crossChecks.push({
			label: `territory #${t.territoryId}`,
			indicator: fmt(figure.participations, figure.activities),
			recount: fmt(Number(raw.p), Number(raw.a)),
			equal: figure.participations === Number(raw.p) && figure.activities === Number(raw.a)
		});
	}
	const national = await nationalIndicator(database.db, {});
	const raw = await one<{ p: string; a: string }>(
		client,
		`select (select coalesce(sum(aa.count), 0) from activities a join activity_audiences aa on aa.activity_id = a.id where a.status = 'done') as p,
		        (select count(*) from activities where status = 'done') as a`
	);
	crossChecks.push({
		label: 'national',
		indicator: fmt(national.participations, national.activities),
		recount: fmt(Number(raw.p), Number(raw.a)),
		equal: national.participations === Number(raw.p) && national.activities === Number(raw.a)
	});
	return { tables, crossChecks, ms: performance.now() - t0 };
}

async function main(): Promise<number> {
	const activities = envInt('BENCH_ACTIVITIES', 2_000_000);
	const seed = envInt('BENCH_SEED', 2026);
	const output = path.resolve(ROOT, process.env.BENCH_OUTPUT ?? 'BENCHMARKS.md');
	const externalUrl = process.env.BENCH_DATABASE_URL;
	process.env.MIGRATIONS_DIR ??= path.join(ROOT, 'drizzle');

	log(`Benchmark: ${TERRITORIES} territories, ${activities.toLocaleString('en-US')} activities (seed ${seed})`);
	let server: PostgresServer | undefined;
	let database: Database | undefined;
	try {
		let url: string;
		let serverLabel: string;
		if (externalUrl) {
			url = externalUrl;
			serverLabel = 'existing server given by BENCH_DATABASE_URL';
		} else {
			server = await startPostgres();
			url = server.url;
			serverLabel =
				'throw-away local server of `tests/support/pg-server.ts` (default configuration, plus `fsync=off`, `synchronous_commit=off`, `full_page_writes=off`: commits do not wait for the disk)';
		}
		log(`PostgreSQL: ${url}`);
		database = await openDatabase({ databaseUrl: url });
		await migrate(database);
		const bulk = new pg.Client({ connectionString: url });
		await bulk.connect();
		try {
			const existing = await one<{ n: string }>(bulk, 'select count(*) as n from territories');
			if (Number(existing.n) > 0) throw new Error('The database is not empty: the benchmark needs an empty database (it fills it).');

			// 1. Dataset
			log('Generating the dataset…');
			const phases: GenerationPhase[] = await generateDataset(database, bulk, { activities, territories: TERRITORIES, seed, log });
			const timedPhase = async (label: string, fn: () => Promise<void>) => {
				const t0 = performance.now();
				await fn();
				const ms = performance.now() - t0;
				phases.push({ label, ms });
				log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
			};
			await timedPhase('aggregates rebuilt by rebuildAggregates()', () =>
				database!.db.transaction(async (tx) => {
					await tx.execute(sql`set local work_mem = '256MB'`);
					await rebuildAggregates(tx);
				})
			);
			await timedPhase('VACUUM ANALYZE, CHECKPOINT', async () => {
				await bulk.query('vacuum analyze');
				await bulk.query('checkpoint');
			});

			const machine = await describeMachine(bulk, serverLabel);
			const dataset = await describeDataset(bulk, activities);
			const territories = await loadTerritories(bulk);
			log(`Dataset: ${dataset.rows.map((r) => `${r.table} ${r.rows.toLocaleString('en-US')}`).join(', ')}`);

			// 2. Measures
			const random = prng(seed + 1);
			const pickTerritory = () => territories[Math.floor(random() * territories.length)]!;
			const samples: Sample[] = [];
			const db = database.db;
			const median = await one<{ id: number; n: string }>(
				bulk,
				`select territory_id as id, count(*) as n from activities group by 1 order by count(*), 1 limit 1 offset (select count(distinct territory_id) / 2 from activities)`
			);
			const medianCall = `territory #${median.id} (median size: ${Number(median.n).toLocaleString('en-US')} activities)`;
			/** How to replay one call of a measure if it misses its target. */
			const diagnosers = new Map<string, { call: string; run: (db: Db) => Promise<unknown> }>();
			const add = (s: Sample, diagnoser?: { call: string; run: (db: Db) => Promise<unknown> }) => {
				samples.push(s);
				if (diagnoser) diagnosers.set(s.name, diagnoser);
				log(
					`  ${s.name}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms${s.target ? (passes(s) ? ' — PASS' : ' — FAIL') : ''}`
				);
			};
			log('Measuring…');
			add(
				await measure(
					{
						name: `Territory indicator, school year ${CURRENT_YEAR}`,
						iterations: 200,
						warmup: 20,
						target: TARGETS.territory,
						note: 'random territory each call.'
					},
					() => pickTerritory(),
					(t) => territoryIndicator(db, { territoryId: t.territoryId }, { schoolYear: CURRENT_YEAR })
				),
				{ call: `${medianCall}, school year ${CURRENT_YEAR}`, run: (d) => territoryIndicator(d, { territoryId: median.id }, { schoolYear: CURRENT_YEAR }) }
			);
			add(
				await measure(
					{
						name: 'Territory indicator, all time (4 school years)',
						iterations: 200,
						warmup: 20,
						target: TARGETS.territory,
						note: 'random territory each call.'
					},
					() => pickTerritory(),
					(t) => territoryIndicator(db, { territoryId: t.territoryId }, {})
				),
				{ call: `${medianCall}, all time`, run: (d) => territoryIndicator(d, { territoryId: median.id }, {}) }
			);
			const largest = await one<{ id: number }>(bulk, `select territory_id as id from activities group by 1 order by count(*) desc limit 1`);
			add(
				await measure(
					{
						name: 'Territory indicator, all time, largest territory',
						iterations: 50,
						warmup: 5,
						note: `worst case: territory #${largest.id}, the one with the most activities (${dataset.perTerritory.max.toLocaleString('en-US')}); informational, not a target.`
					},
					() => largest.id,
					(territoryId) => territoryIndicator(db, { territoryId }, {})
				)
			);
			add(
				await measure(
					{ name: `National indicator, school year ${CURRENT_YEAR}`, iterations: 100, warmup: 10, target: TARGETS.national },
					() => undefined,
					() => nationalIndicator(db, { schoolYear: CURRENT_YEAR })
				),
				{ call: `school year ${CURRENT_YEAR}`, run: (d) => nationalIndicator(d, { schoolYear: CURRENT_YEAR }) }
			);
			add(
				await measure(
					{ name: 'National indicator, all time (4 school years)', iterations: 100, warmup: 10, target: TARGETS.national },
					() => undefined,
					() => nationalIndicator(db, {})
				),
				{ call: 'all time', run: (d) => nationalIndicator(d, {}) }
			);

			const today = todayInParis();
			const yearStart = `${CURRENT_YEAR.slice(0, 4)}-09-01`;
			const yearEnd = `${CURRENT_YEAR.slice(5)}-08-31` < today ? `${CURRENT_YEAR.slice(5)}-08-31` : today;
			const yearDays = Math.max(1, Math.round((Date.parse(yearEnd) - Date.parse(yearStart)) / 86_400_000) + 1);
			const pairs = AUDIENCES.flatMap((a) => a.levels.map((level) => ({ audience: a.code, level })));
			let recorded = 0;
			// The types each initiative offers (its own list when it has one, as the seeded territory's do; else every type).
			const offered = new Map(
				(
					await bulk.query<{ id: number; types: string[] }>(
						'select initiative_id as id, array_agg(type_code) as types from initiative_activity_types group by 1'
					)
				).rows.map((r) => [r.id, r.types])
			);
			const recordInput = () => {
				const t = pickTerritory();
				const n = 1 + Math.floor(random() * 3);
				const start = Math.floor(random() * pairs.length);
				const audiences = Array.from({ length: n }, (_, k) => {
					const p = pairs[(start + k * 5) % pairs.length]!;
					return { audience: p.audience, level: p.level, count: 1 + Math.floor(random() * 30) };
				});
				const initiativeId = t.initiativeIds[Math.floor(random() * t.initiativeIds.length)]!;
				const types = offered.get(initiativeId) ?? ACTIVITY_TYPES;
				return {
					scope: { territoryId: t.territoryId },
					input: {
						initiativeId,
						type: types[Math.floor(random() * types.length)]!,
						title: 'Intervention enregistrée (banc d’essai)',
						date: addDays(yearStart, Math.floor(random() * yearDays)),
						communeCode: t.communeCodes[Math.floor(random() * t.communeCodes.length)]!,
						hostOrganisationId: null,
						status: 'done',
						notes: null,
						audiences
					}
				};
			};
			add(
				await measure(
					{
						name: 'Record one activity (createActivity)',
						iterations: 500,
						warmup: 20,
						target: TARGETS.record,
						note: 'a done activity with 1–3 audience counts, random territory / initiative / commune / type offered by the initiative, dated in the current school year; the whole use case: validation, reference checks and every write of its transaction (activity, audience counts, aggregate upserts, …).'
					},
					() => recordInput(),
					async ({ scope, input }) => {
						await createActivity(db, scope, BENCH_ACTOR, input);
						recorded++;
					}
				),
				{
					call: 'a random done activity',
					run: async (d) => {
						const { scope, input } = recordInput();
						await createActivity(d, scope, BENCH_ACTOR, input);
						recorded++;
					}
				}
			);

			// Missed targets: where does the time go?
			const diagnoses: Diagnosis[] = [];
			for (const sample of samples.filter((x) => !passes(x))) {
				const diagnoser = diagnosers.get(sample.name);
				if (!diagnoser) continue;
				log(`Diagnosing "${sample.name}" (${diagnoser.call})…`);
				const d = await diagnose(url, bulk, { measure: sample.name, call: diagnoser.call }, diagnoser.run);
				diagnoses.push(d);
				const rows = d.statements.reduce((n, x) => n + x.rows, 0);
				const server = d.statements.reduce((n, x) => n + x.serverMs, 0);
				log(
					`  one call ${d.totalMs.toFixed(1)} ms; ${d.statements.length} reads return ${rows.toLocaleString('en-US')} rows, ${server.toFixed(1)} ms of PostgreSQL execution in all`
				);
			}

			// 3. Consistency
			log('Checking the aggregates against a full recount…');
			const consistency = await checkConsistency(database, bulk, territories, random);
			log(
				`  ${consistent(consistency) ? 'equal' : 'DIFFERENT'}: ${consistency.tables.map((t) => `${t.table} missing ${t.missing} extra ${t.extra}`).join('; ')}`
			);

			// 4. Report
			const report: Report = {
				date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
				command: (activities !== 2_000_000 ? `BENCH_ACTIVITIES=${activities} ` : '') + 'npm run bench',
				machine,
				dataset,
				phases,
				samples,
				recorded,
				consistency,
				diagnoses
			};
			const markdown = renderReport(report);
			await fs.writeFile(output, keepSections(await fs.readFile(output, 'utf8').catch(() => ''), markdown));
			log('');
			log(resultsTable(samples));
			log('');
			log(`Aggregates equal to a full recount: ${consistent(consistency) ? 'yes' : 'NO'}`);
			log(`Report written to ${path.relative(process.cwd(), output) || output}`);
			const ok = succeeded(report);
			log(ok ? 'PASS' : 'FAIL');
			return ok ? 0 : 1;
		} finally {
			await bulk.end().catch(() => {});
		}
	} finally {
		await database?.close().catch(() => {});
		await server?.stop().catch(() => {});
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(2);
	}
);
