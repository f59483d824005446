/**
 * npm run bench:crowd — the public site under a crowd (issue #9 point 8), against the built server
 * (`npm run build` first) started as `node cli/mixite.js serve`, on the embedded PGlite and then on
 * a throw-away PostgreSQL (tests/support/pg-server.ts), each with the demo loaded (`mixite demo`):
 *   - a bare `node:http` server answering « hello », in the same run: what this machine can do;
 *   - every public page of the demo territory: autocannon, LOAD_SECONDS s at 50 connections
 *     (requests/s, p50/p99 latency, errors and non-2xx), the target being ≥ 1,000 requests/s with
 *     p99 < 100 ms; on PGlite, the longest statement of the embedded database during each page's
 *     load (each one holds the main thread: src/lib/server/db/query-timing.ts), target ≤ 20 ms;
 *     and, for context, the longest delay of the server's event loop over the same load
 *     (`monitorEventLoopDelay`: the rendering, garbage collection, waiting for a core), both read
 *     from the server's GET /__event-loop (MIXITE_EVENT_LOOP_REPORT=1);
 *   - a fresh start (empty database: migrations and seed; process spawn → first 200 of /readyz,
 *     target ≤ 3 s) and its memory at rest; the start after `mixite demo` (reopened) and its memory
 *     at rest (target ≤ 500 MB);
 *   - the memory over a long load cycling through every page: 60 s by default, 10 minutes with
 *     `--long` (the target: no growth); its memory at rest afterwards.
 * Options: --long; --only=pglite|postgres; BENCH_OUTPUT=<file> writes elsewhere than BENCHMARKS.md.
 * Writes the « Under a crowd » section of BENCHMARKS.md (its text and the targets: bench/crowd-report.ts);
 * exits 1 when a target is missed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { freePort } from '../tests/support/free-port';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { startPostgres, type PostgresServer } from '../tests/support/pg-server';
import { replaceSection } from './sections';
import type { QueryTimingReport } from '../src/lib/server/db/query-timing';
import { crowdReport, failures, type BareServer, type Load, type Run } from './crowd-report';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'cli', 'mixite.js');
const OUTPUT = process.env.BENCH_OUTPUT ?? path.join(ROOT, 'BENCHMARKS.md');
const LONG = process.argv.includes('--long');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const CONNECTIONS = 50;
const LOAD_SECONDS = 10;
const SOAK_SECONDS = LONG ? 600 : 60;
const TERRITORY = '/t/demo';
/** What a browser sends: the server compresses, as for a real visitor. */
const HEADERS = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'fr-FR' };

/** Every public page template; `{witness}` and `{portrait}` are the first of the demo's, left out when there is none. */
const PAGES = [
	'/',
	TERRITORY,
	`${TERRITORY}/indicateur`,
	`${TERRITORY}/fiche`,
	`${TERRITORY}/interventions-ouvertes`,
	`${TERRITORY}/demander`,
	`${TERRITORY}/temoins`,
	`${TERRITORY}/temoins/{witness}`,
	`${TERRITORY}/initiatives`,
	`${TERRITORY}/portraits`,
	`${TERRITORY}/portraits/{portrait}`,
	`${TERRITORY}/metiers-formations`,
	'/mentions-legales',
	'/accessibilite',
	'/donnees-personnelles',
	'/plan-du-site',
	'/plans'
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process (VmRSS), in MB. */
function rssMB(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return Math.round(kb / 1024);
}

interface Server {
	child: ChildProcess;
	base: string;
	startSeconds: number;
	stop(): Promise<void>;
}

/** `mixite serve`, timed from the spawn to the first 200 of /readyz (the database answers). */
async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const started = performance.now();
	const child = spawn(process.execPath, [CLI, 'serve'], {
		cwd: ROOT,
		env: { ...env, PORT: String(port), ORIGIN: `http://localhost:${port}`, HOST: '127.0.0.1' },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (chunk) => (stderr += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${stderr}`);
		const ok = await fetch(`${base}/readyz`)
			.then((r) => r.status === 200)
			.catch(() => false);
		if (ok) break;
		if (performance.now() - started > 300_000) throw new Error(`The server did not answer within 300 s:\n${stderr}`);
		await sleep(20);
	}
	const startSeconds = (performance.now() - started) / 1000;
	return {
		child,
		base,
		startSeconds,
		stop: async () => {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
			await exited;
			clearTimeout(timer);
		}
	};
}

/** Memory at rest: after a few quiet seconds (the start's garbage collected, timers settled). */
async function restMB(server: Server): Promise<number> {
	await sleep(5_000);
	return rssMB(server.child.pid!);
}

interface ThreadReport {
	maxMs: number;
	queries: QueryTimingReport;
}

/** The server's GET /__event-loop (src/lib/server/http/event-loop-report.ts); `reset` starts again. */
async function threadReport(base: string, reset: boolean): Promise<ThreadReport | null> {
	const response = await fetch(`${base}/__event-loop${reset ? '?reset' : ''}`).catch(() => null);
	if (!response?.ok) return null;
	return (await response.json()) as ThreadReport;
}

async function cannon(url: string, seconds: number, extra: Partial<autocannon.Options> = {}) {
	return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: HEADERS, ...extra });
}

function cli(args: string[], env: NodeJS.ProcessEnv): void {
	const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 600_000 });
	if (run.status !== 0) throw new Error(`\`mixite ${args.join(' ')}\` failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
}

/** Templates the demo has no record for (no public profile, no portrait). */
const leftOut = new Set<string>();

/** The public pages of the demo, with the first witness and portrait put in their templates. */
async function pages(base: string): Promise<string[]> {
	const first = async (list: string, pattern: RegExp) => pattern.exec(await (await fetch(`${base}${list}`)).text())?.[1];
	const witness = await first(`${TERRITORY}/temoins`, new RegExp(`${TERRITORY}/temoins/(\\d+)`));
	const portrait = await first(`${TERRITORY}/portraits`, new RegExp(`${TERRITORY}/portraits/(\\d+)"`));
	return PAGES.flatMap((p) => {
		const id = p.includes('{witness}') ? witness : p.includes('{portrait}') ? portrait : '';
		if (id === undefined) leftOut.add(p);
		return id === undefined ? [] : [p.replace(/\{\w+\}/, id)];
	});
}

async function benchDatabase(database: 'pglite' | 'postgres', postgres: PostgresServer | null): Promise<Run> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `mixite-crowd-${database}-`));
	let databaseUrl: string | undefined;
	if (postgres) {
		const client = new pg.Client({ connectionString: postgres.url });
		await client.connect();
		await client.query('CREATE DATABASE crowd');
		await client.end();
		const url = new URL(postgres.url);
		url.pathname = '/crowd';
		databaseUrl = url.toString();
	}
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production', MIXITE_EVENT_LOOP_REPORT: '1' };
	if (databaseUrl) env.DATABASE_URL = databaseUrl;
	else delete env.DATABASE_URL;
	try {
		console.log(`${database}: fresh start`);
		const fresh = await startServer(env);
		const freshRestMB = await restMB(fresh);
		await fresh.stop();

		console.log(`${database}: mixite demo`);
		cli(['demo'], env);

		console.log(`${database}: reopened`);
		const server = await startServer(env);
		try {
			const reopenedRestMB = await restMB(server);
			const loads: Load[] = [];
			for (const page of await pages(server.base)) {
				await threadReport(server.base, true);
				const result = await cannon(`${server.base}${page}`, LOAD_SECONDS);
				const thread = await threadReport(server.base, false);
				const timed = database === 'pglite' && thread !== null && thread.queries.statements > 0;
				const load: Load = {
					page,
					requestsPerSecond: Math.round(result.requests.average),
					p50: result.latency.p50,
					p99: result.latency.p99,
					errors: result.errors + result.timeouts,
					non2xx: result.non2xx,
					eventLoopMaxMs: thread?.maxMs ?? null,
					queryMaxMs: timed ? thread.queries.longestMs : null,
					slowestQuery: timed ? (thread.queries.slowest[0]?.sql ?? null) : null
				};
				loads.push(load);
				console.log(
					`  ${page}: ${load.requestsPerSecond} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, errors ${load.errors}, non-2xx ${load.non2xx}, longest statement ${load.queryMaxMs} ms, event loop max ${load.eventLoopMaxMs} ms`
				);
			}

			console.log(`${database}: ${SOAK_SECONDS} s over every page`);
			await threadReport(server.base, true);
			const samples: { at: number; mb: number }[] = [];
			const started = performance.now();
			const sampler = setInterval(() => samples.push({ at: (performance.now() - started) / 1000, mb: rssMB(server.child.pid!) }), 5_000);
			const soak = await cannon(`${server.base}/`, SOAK_SECONDS, {
				requests: loads.map((l) => ({ method: 'GET' as const, path: l.page }))
			});
			clearInterval(sampler);
			const eventLoopMaxMs = (await threadReport(server.base, false))?.maxMs ?? null;
			const firstMinute = samples.filter((s) => s.at <= 60);
			const afterMB = await restMB(server);
			return {
				database,
				freshStartSeconds: fresh.startSeconds,
				freshRestMB,
				reopenedStartSeconds: server.startSeconds,
				reopenedRestMB,
				loads,
				soak: {
					seconds: SOAK_SECONDS,
					requests: soak.requests.total,
					errors: soak.errors + soak.timeouts,
					non2xx: soak.non2xx,
					firstMinuteMB: Math.max(...firstMinute.map((s) => s.mb)),
					endMB: samples.at(-1)?.mb ?? 0,
					maxMB: Math.max(...samples.map((s) => s.mb)),
					afterMB,
					eventLoopMaxMs
				}
			};
		} finally {
			await server.stop();
		}
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

/** The bare node:http server, in its own process like the platform's. */
async function bareNodeHttp(): Promise<BareServer> {
	const port = await freePort();
	const child = spawn(process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('hello')).listen(${port}, '127.0.0.1')`], {
		stdio: 'ignore'
	});
	try {
		for (let i = 0; i < 200; i++) {
			const ok = await new Promise<boolean>((resolve) =>
				http.get(`http://127.0.0.1:${port}/`, (r) => resolve(r.resume() && r.statusCode === 200)).on('error', () => resolve(false))
			);
			if (ok) break;
			await sleep(25);
		}
		const result = await cannon(`http://127.0.0.1:${port}/`, LOAD_SECONDS);
		return { requestsPerSecond: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
	} finally {
		child.kill('SIGTERM');
	}
}

if (!fs.existsSync(path.join(ROOT, 'build', 'index.js'))) {
	console.error('Run `npm run build` first.');
	process.exit(2);
}
const loadBefore = os
	.loadavg()
	.map((l) => l.toFixed(1))
	.join(', ');
const bare = await bareNodeHttp();
console.log(`bare node:http: ${bare.requestsPerSecond} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms`);
const runs: Run[] = [];
if (ONLY !== 'postgres') runs.push(await benchDatabase('pglite', null));
if (ONLY !== 'pglite') {
	const postgres = await startPostgres();
	try {
		runs.push(await benchDatabase('postgres', postgres));
	} finally {
		await postgres.stop();
	}
}
const loadAfter = os
	.loadavg()
	.map((l) => l.toFixed(1))
	.join(', ');
const markdown = crowdReport(
	{ long: LONG, connections: CONNECTIONS, loadSeconds: LOAD_SECONDS, soakSeconds: SOAK_SECONDS, loadBefore, loadAfter, leftOut },
	bare,
	runs
);
console.log(`\n${markdown}`);
const previous = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
// The 10-minute run keeps a section of its own: the usual run does not overwrite it.
fs.writeFileSync(OUTPUT, replaceSection(previous, LONG ? 'crowd-long' : 'crowd', markdown));
console.log(`Written to ${path.relative(ROOT, OUTPUT) || OUTPUT}.`);
process.exit(runs.flatMap(failures).length ? 1 : 0);
