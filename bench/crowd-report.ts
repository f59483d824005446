/**
 * The crowd benchmark's report (bench/crowd.ts, `npm run bench:crowd`): its targets, the misses,
 * and the « Under a crowd » section of BENCHMARKS.md, with the machine and versions it ran on.
 */
import fs from 'node:fs';
import os from 'node:os';
import { QUERY_TARGET_MS } from '../src/lib/server/db/query-timing';

export const TARGETS = { requestsPerSecond: 1_000, p99Ms: 100, queryMs: QUERY_TARGET_MS, restMB: 500, startSeconds: 3 } as const;

export interface Load {
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

export interface Run {
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

/** The bare `node:http` server measured in the same run: what this machine can do. */
export interface BareServer {
	requestsPerSecond: number;
	p50: number;
	p99: number;
}

/** How the run was made, as the section states it. */
export interface CrowdSetup {
	long: boolean;
	connections: number;
	loadSeconds: number;
	soakSeconds: number;
	/** os.loadavg() before and after the run, formatted. */
	loadBefore: string;
	loadAfter: string;
	/** Page templates the demo has no record for. */
	leftOut: ReadonlySet<string>;
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');
const fixed = (n: number | null, digits = 0) => (n === null ? 'n/a' : n.toFixed(digits));

/** The targets a run misses, one line each (the bench exits 1 when there is one). */
export function failures(run: Run): string[] {
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

/** The « Under a crowd » section of BENCHMARKS.md (bench/sections.ts puts it in place). */
export function crowdReport(setup: CrowdSetup, bare: BareServer, runs: Run[]): string {
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
	return `## Under a crowd${setup.long ? ', 10 minutes (`--long`)' : ''}

Written by \`npm run bench:crowd${setup.long ? ' -- --long' : ''}\` (after \`npm run build\`) on ${now} UTC: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; load average ${setup.loadBefore} before, ${setup.loadAfter} after. The built server (\`node cli/mixite.js serve\`, \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`) with the demo loaded (\`mixite demo\`), on the embedded PGlite and on a throw-away PostgreSQL ${postgresVersion()} of this machine (tests/support/pg-server.ts: fsync off); autocannon ${autocannonVersion()} in the bench's process, on the same 2 cores as the server, ${setup.loadSeconds} s at ${setup.connections} connections per page, with a browser's \`Accept-Encoding\` (the pages come compressed), anonymous. The first request of each page renders it (nothing is warmed up); the others are served by the public pages' cache (decision 0012) until the data changes. « Longest statement » is, on PGlite, the longest time one SQL statement held the server's main thread during the page's load (PGlite runs in that thread: each protocol message of a statement is one synchronous call, summed per statement by src/lib/server/db/query-timing.ts; n/a on PostgreSQL, which runs in its own process). « Event loop max », for context, is the longest delay of the server's event loop over the same load (\`monitorEventLoopDelay\`): the rendering, garbage collection and waiting for one of the 2 cores shared with autocannon, included. Both come from the server's \`GET /__event-loop\` (MIXITE_EVENT_LOOP_REPORT=1). Memory is the server process's resident set (VmRSS), at rest 5 s after the start or the load.

**A bare \`node:http\` server answering « hello » in the same run: ${bare.requestsPerSecond.toLocaleString('en')} requests/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms.** Targets: every page ≥ ${TARGETS.requestsPerSecond.toLocaleString('en')} requests/s with p99 < ${TARGETS.p99Ms} ms; no statement holds the main thread > ${TARGETS.queryMs} ms; the embedded server ≤ ${TARGETS.restMB} MB at rest, no growth under load, a fresh start ≤ ${TARGETS.startSeconds} s.

| Page | ${head} |
| --- | ${align} |
${pageRows.join('\n')}

| Database | Fresh start (empty database → first 200) | At rest, fresh | Start with the demo | At rest, with the demo | Under load, ${setup.soakSeconds} s over every page${setup.long ? '' : ' (`--long`: 10 minutes)'}: first minute → end | At rest after the load | Requests of that load | Event loop max under that load (ms) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${startRows.join('\n')}
${setup.leftOut.size ? `\nLeft out: ${[...setup.leftOut].map((p) => `\`${p}\``).join(', ')} (the demo has none).\n` : ''}
${failing.length === 0 ? 'Every target is met.' : `Missed (see decision 0012):\n\n${failing.map((f) => `- ${f}`).join('\n')}`}
`;
}

function postgresVersion(): string {
	const dirs = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
	return dirs[0] ?? '';
}

function autocannonVersion(): string {
	return (JSON.parse(fs.readFileSync(new URL('../node_modules/autocannon/package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
