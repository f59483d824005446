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
 * Writes the « Under a crowd » section of BENCHMARKS.md; exits 1 when a target is missed.
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
import { QUERY_TARGET_MS, type QueryTimingReport } from '../src/lib/server/db/query-timing';

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

export const TARGETS = { requestsPerSecond: 1_000, p99Ms: 100, queryMs: QUERY_TARGET_MS, restMB: 500, startSeconds: 3 } as const;

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

interface Load {
	page: string;
	requestsPerSecond: number;
	p50: number;
	p99: number;
	errors: number;
	non2xx: number;
	eventLoopMaxMs: number | null;
	/** PGlite only: the longest statement and its SQL; null on PostgreSQL. */
	queryMaxMs: number | null;
	slowestQuery: string | null;
}

interface Run {
	database: 'pglite' | 'postgres';
	freshStartSeconds: number;
	freshRestMB: number;
	reopenedStartSeconds: number;
	reopenedRestMB: number;
	loads: Load[];
	soak: {
		seconds: number;
		requests: number;
		errors: number;
		non2xx: number;
		firstMinuteMB: number;
		endMB: number;
		maxMB: number;
		afterMB: number;
		eventLoopMaxMs: number | null;
	};
}

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
async function bareNodeHttp() {
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

const mark = (ok: boolean) => (ok ? '✓' : '✗');
const fixed = (n: number | null, digits = 0) => (n === null ? 'n/a' : n.toFixed(digits));

function failures(run: Run): string[] {
	const out: string[] = [];
	for (const l of run.loads) {
		if (l.requestsPerSecond < TARGETS.requestsPerSecond) out.push(`${run.database} ${l.page}: ${l.requestsPerSecond} requests/s`);
		if (l.p99 >= TARGETS.p99Ms) out.push(`${run.database} ${l.page}: p99 ${l.p99} ms`);
		if (l.errors > 0 || l.non2xx > 0) out.push(`${run.database} ${l.page}: ${l.errors} errors, ${l.non2xx} non-2xx`);
		if (l.queryMaxMs !== null && l.queryMaxMs > TARGETS.queryMs)
			out.push(`${run.database} ${l.page}: a statement held the main thread ${l.queryMaxMs} ms (${l.slowestQuery})`);
	}
	if (run.freshStartSeconds > TARGETS.startSeconds) out.push(`${run.database}: fresh start ${run.freshStartSeconds.toFixed(1)} s`);
	if (run.freshRestMB > TARGETS.restMB) out.push(`${run.database}: ${run.freshRestMB} MB at rest after a fresh start`);
	if (run.reopenedRestMB > TARGETS.restMB) out.push(`${run.database}: ${run.reopenedRestMB} MB at rest reopened`);
	if (run.soak.afterMB > TARGETS.restMB) out.push(`${run.database}: ${run.soak.afterMB} MB at rest after the load`);
	return out;
}

function report(bare: Awaited<ReturnType<typeof bareNodeHttp>>, runs: Run[], loadBefore: string, loadAfter: string): string {
	const now = new Date().toISOString().slice(0, 16).replace('T', ' ');
	const cpus = os.cpus();
	const pageRows = runs[0]!.loads.map((l, i) => {
		const cells = runs.map((run) => {
			const m = run.loads[i]!;
			const ok = m.requestsPerSecond >= TARGETS.requestsPerSecond && m.p99 < TARGETS.p99Ms && m.errors === 0 && m.non2xx === 0;
			const statement = m.queryMaxMs === null ? 'n/a' : `${fixed(m.queryMaxMs, 1)} ${mark(m.queryMaxMs <= TARGETS.queryMs)}`;
			return `${m.requestsPerSecond.toLocaleString('en')} | ${m.p50} / ${m.p99} ${mark(ok)} | ${m.errors} / ${m.non2xx} | ${statement} | ${fixed(m.eventLoopMaxMs, 1)}`;
		});
		return `| \`${l.page}\` | ${cells.join(' | ')} |`;
	});
	const head = runs.map((r) => `${r.database}: req/s | p50 / p99 ms | errors / non-2xx | longest statement ms | event loop max ms`).join(' | ');
	const align = runs.map(() => '---: | ---: | ---: | ---: | ---:').join(' | ');
	const startRows = runs.map(
		(r) =>
			`| ${r.database} | ${r.freshStartSeconds.toFixed(1)} s ${mark(r.freshStartSeconds <= TARGETS.startSeconds)} | ${r.freshRestMB} MB ${mark(r.freshRestMB <= TARGETS.restMB)} | ${r.reopenedStartSeconds.toFixed(1)} s | ${r.reopenedRestMB} MB ${mark(r.reopenedRestMB <= TARGETS.restMB)} | ${r.soak.firstMinuteMB} → ${r.soak.endMB} MB (max ${r.soak.maxMB}) | ${r.soak.afterMB} MB | ${r.soak.requests.toLocaleString('en')} (${r.soak.errors} errors, ${r.soak.non2xx} non-2xx) | ${fixed(r.soak.eventLoopMaxMs, 1)} |`
	);
	const failing = runs.flatMap(failures);
	return `## Under a crowd

Written by \`npm run bench:crowd${LONG ? ' -- --long' : ''}\` (after \`npm run build\`) on ${now} UTC: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; load average ${loadBefore} before, ${loadAfter} after. The built server (\`node cli/mixite.js serve\`, \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`) with the demo loaded (\`mixite demo\`), on the embedded PGlite and on a throw-away PostgreSQL ${postgresVersion()} of this machine (tests/support/pg-server.ts: fsync off); autocannon ${autocannonVersion()} in the bench's process, on the same 2 cores as the server, ${LOAD_SECONDS} s at ${CONNECTIONS} connections per page, with a browser's \`Accept-Encoding\` (the pages come compressed), anonymous. The first request of each page renders it (nothing is warmed up); the others are served by the public pages' cache (decision 0012) until the data changes. « Longest statement » is, on PGlite, the longest time one SQL statement held the server's main thread during the page's load (PGlite runs in that thread: each protocol message of a statement is one synchronous call, summed per statement by src/lib/server/db/query-timing.ts; n/a on PostgreSQL, which runs in its own process). « Event loop max », for context, is the longest delay of the server's event loop over the same load (\`monitorEventLoopDelay\`): the rendering, garbage collection and waiting for one of the 2 cores shared with autocannon, included. Both come from the server's \`GET /__event-loop\` (MIXITE_EVENT_LOOP_REPORT=1). Memory is the server process's resident set (VmRSS), at rest 5 s after the start or the load.

**A bare \`node:http\` server answering « hello » in the same run: ${bare.requestsPerSecond.toLocaleString('en')} requests/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms.** Targets: every page ≥ ${TARGETS.requestsPerSecond.toLocaleString('en')} requests/s with p99 < ${TARGETS.p99Ms} ms; no statement holds the main thread > ${TARGETS.queryMs} ms; the embedded server ≤ ${TARGETS.restMB} MB at rest, no growth under load, a fresh start ≤ ${TARGETS.startSeconds} s.

| Page | ${head} |
| --- | ${align} |
${pageRows.join('\n')}

| Database | Fresh start (empty database → first 200) | At rest, fresh | Start with the demo | At rest, with the demo | Under load, ${SOAK_SECONDS} s over every page${LONG ? '' : ' (`--long`: 10 minutes)'}: first minute → end | At rest after the load | Requests of that load | Event loop max under that load (ms) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${startRows.join('\n')}
${leftOut.size ? `\nLeft out: ${[...leftOut].map((p) => `\`${p}\``).join(', ')} (the demo has none).\n` : ''}
${failing.length === 0 ? 'Every target is met.' : `Missed (see decision 0012):\n\n${failing.map((f) => `- ${f}`).join('\n')}`}
`;
}

function postgresVersion(): string {
	const dirs = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
	return dirs[0] ?? '';
}

function autocannonVersion(): string {
	return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'autocannon', 'package.json'), 'utf8')) as { version: string }).version;
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
const markdown = report(bare, runs, loadBefore, loadAfter);
console.log(`\n${markdown}`);
const previous = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
fs.writeFileSync(OUTPUT, replaceSection(previous, 'crowd', markdown));
console.log(`Written to ${path.relative(ROOT, OUTPUT) || OUTPUT}.`);
process.exit(runs.flatMap(failures).length ? 1 : 0);
