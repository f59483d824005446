/** Markdown rendering of a benchmark run (stdout and BENCHMARKS.md). */
import { passes, type Sample } from './measure';
import type { Diagnosis } from './diagnose';
import type { GenerationPhase } from './generate';

export interface Machine {
	cpu: string;
	cores: number;
	memoryGiB: number;
	os: string;
	node: string;
	postgres: string;
	settings: Record<string, string>;
	server: string;
}

export interface Dataset {
	requestedActivities: number;
	territories: number;
	rows: { table: string; rows: number; bytes: number }[];
	activitiesByStatus: Record<string, number>;
	activitiesByYear: { year: string; activities: number }[];
	perTerritory: { min: number; median: number; max: number };
	cellsPerTerritory: { label: string; mean: number; max: number }[];
}

export interface Consistency {
	tables: { table: string; missing: number; extra: number }[];
	crossChecks: { label: string; indicator: string; recount: string; equal: boolean }[];
	ms: number;
}

export interface Report {
	date: string;
	command: string;
	machine: Machine;
	dataset: Dataset;
	phases: GenerationPhase[];
	samples: Sample[];
	recorded: number;
	consistency: Consistency;
	diagnoses: Diagnosis[];
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '–');
const int = (v: number) => v.toLocaleString('en-US');
const bytes = (v: number) => (v >= 1024 ** 3 ? `${(v / 1024 ** 3).toFixed(2)} GiB` : `${(v / 1024 ** 2).toFixed(1)} MiB`);
const seconds = (v: number) => `${(v / 1000).toFixed(1)} s`;

function shorten(sql: string, max = 110): string {
	const flat = sql.replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'");
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function consistent(c: Consistency): boolean {
	return c.tables.every((t) => t.missing === 0 && t.extra === 0) && c.crossChecks.every((x) => x.equal);
}

export function succeeded(r: Report): boolean {
	return r.samples.every(passes) && consistent(r.consistency);
}

export function resultsTable(samples: readonly Sample[]): string {
	const lines = ['| Measure | Iterations | p50 | p95 | max | Target (p95) | Result |', '| --- | ---: | ---: | ---: | ---: | ---: | :---: |'];
	for (const s of samples) {
		const target = s.target === undefined ? 'info' : `< ${s.target} ms`;
		const result = s.target === undefined ? '–' : passes(s) ? 'PASS' : '**FAIL**';
		lines.push(`| ${s.name} | ${s.iterations} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${target} | ${result} |`);
	}
	return lines.join('\n');
}

export function renderReport(r: Report): string {
	const ok = succeeded(r);
	const totalGeneration = r.phases.reduce((s, p) => s + p.ms, 0);
	const activities = r.dataset.rows.find((x) => x.table === 'activities')?.rows ?? 0;
	const scaleNote =
		activities < 2_000_000
			? `\n> **Smoke run**: ${int(activities)} activities, below the 2,000,000 of the national-scale target. These figures do not validate the targets.\n`
			: '';
	const out: string[] = [];
	out.push('# Benchmarks');
	out.push('');
	out.push(`Written by \`${r.command}\` on ${r.date}; the next run replaces this file. Do not edit by hand.`);
	out.push(scaleNote);
	out.push(`## Result: ${ok ? 'PASS' : '**FAIL**'}`);
	out.push('');
	out.push(
		'Latencies of the real use cases (`territoryIndicator`, `nationalIndicator`, `createActivity`) called in-process against PostgreSQL through the app’s own connection pool (node-postgres, drizzle), one call at a time, measured with `performance.now()` around the call. p50 / p95 are nearest-rank percentiles.'
	);
	out.push('');
	out.push(resultsTable(r.samples));
	out.push('');
	for (const s of r.samples.filter((x) => x.note)) out.push(`- *${s.name}*: ${s.note}`);
	out.push('');
	if (r.diagnoses.length > 0) {
		out.push('## Diagnosis of the missed targets');
		out.push('');
		out.push(
			'One call of the use case replayed on a connection that logs its SQL; every read statement is then run under `EXPLAIN (ANALYZE, BUFFERS)` (PostgreSQL execution) and through a plain node-postgres client (execution + transfer + decoding of the rows); call and client times are medians of 5. The statements of one call run partly in parallel on the pool.'
		);
		out.push('');
		for (const d of r.diagnoses) {
			const rows = d.statements.reduce((n, x) => n + x.rows, 0);
			const server = d.statements.reduce((n, x) => n + x.serverMs, 0);
			const client = d.statements.reduce((n, x) => n + x.clientMs, 0);
			out.push(`### ${d.measure}`);
			out.push('');
			out.push(
				`Replayed for ${d.call}: **${ms(d.totalMs)}** per call. Its ${d.statements.length} read statements return **${int(rows)} rows**; ` +
					`PostgreSQL executes them in ${ms(server)} (sum); received through a plain node-postgres client they take ${ms(client)} (sum), the difference being the transfer and decoding of the rows.`
			);
			out.push('');
			out.push('| Statement | Rows returned | PostgreSQL execution | Through node-postgres |');
			out.push('| --- | ---: | ---: | ---: |');
			for (const st of d.statements) out.push(`| \`${shorten(st.sql)}\` | ${int(st.rows)} | ${ms(st.serverMs)} | ${ms(st.clientMs)} |`);
			if (d.writes.length > 0) out.push(`\nWrite statements (not explained): ${d.writes.map((w) => `\`${shorten(w, 60)}\``).join(', ')}.`);
			out.push('');
			out.push('<details><summary>Plans</summary>');
			out.push('');
			for (const st of d.statements) {
				out.push('```');
				out.push(st.sql);
				out.push('');
				out.push(st.plan);
				out.push('```');
			}
			out.push('');
			out.push('</details>');
			out.push('');
		}
	}
	out.push('## Aggregates equal to a full recount');
	out.push('');
	out.push(
		`After the ${int(r.recorded)} recorded activities, \`compareAggregates()\` recounts every aggregate table from the raw rows and compares both ways (${seconds(r.consistency.ms)} in all, cross-checks included):`
	);
	out.push('');
	out.push('| Aggregate table | Missing or different | Extra |');
	out.push('| --- | ---: | ---: |');
	for (const t of r.consistency.tables) out.push(`| ${t.table} | ${t.missing} | ${t.extra} |`);
	out.push('');
	out.push('Figures returned by the use cases against a direct count of the raw rows (`activities` ⋈ `activity_audiences`, status done, all time):');
	out.push('');
	out.push('| Scope | Indicator (participations / activities) | Raw recount | Equal |');
	out.push('| --- | ---: | ---: | :---: |');
	for (const x of r.consistency.crossChecks) out.push(`| ${x.label} | ${x.indicator} | ${x.recount} | ${x.equal ? 'yes' : '**NO**'} |`);
	out.push('');
	out.push(`Consistency: ${consistent(r.consistency) ? 'PASS' : '**FAIL**'}`);
	out.push('');
	out.push('## Dataset');
	out.push('');
	out.push(
		`${int(r.dataset.territories)} territories (the real default territory, Flandre – Pays de Saint-Omer, and synthetic \`bench-NNN\` ones with 2–6 EPCIs of 5–40 communes, one plan, four initiatives), ` +
			`${int(r.dataset.requestedActivities)} generated activities dated uniformly from 2022-09-01 to 2026-08-31 (four school years), ` +
			`90 % done, 6 % planned, 4 % cancelled, each with 1–3 audience × level counts. ` +
			`Territory sizes vary (activities per territory: min ${int(r.dataset.perTerritory.min)}, median ${int(r.dataset.perTerritory.median)}, max ${int(r.dataset.perTerritory.max)}); ` +
			'activities concentrate on the larger communes. Generation is deterministic (seeded).'
	);
	out.push('');
	out.push('| Table | Rows | Size (table + indexes) |');
	out.push('| --- | ---: | ---: |');
	for (const t of r.dataset.rows) out.push(`| ${t.table} | ${int(t.rows)} | ${bytes(t.bytes)} |`);
	out.push('');
	out.push(
		`Activities by status: ${Object.entries(r.dataset.activitiesByStatus)
			.map(([k, v]) => `${k} ${int(v)}`)
			.join(', ')}. By school year: ${r.dataset.activitiesByYear.map((y) => `${y.year} ${int(y.activities)}`).join(', ')}.`
	);
	out.push('');
	out.push(
		'Aggregate rows one territory request rolls up in the database (`indicator_audience_cells` + `indicator_commune_cells` + `indicator_type_cells`; it receives only the grouped result):'
	);
	out.push('');
	out.push('| Period | Mean per territory | Largest territory |');
	out.push('| --- | ---: | ---: |');
	for (const c of r.dataset.cellsPerTerritory) out.push(`| ${c.label} | ${int(Math.round(c.mean))} | ${int(c.max)} |`);
	out.push('');
	out.push(`Generation time: **${seconds(totalGeneration)}** in all.`);
	out.push('');
	out.push('| Phase | Time |');
	out.push('| --- | ---: |');
	for (const p of r.phases) out.push(`| ${p.label} | ${seconds(p.ms)} |`);
	out.push('');
	out.push('## Machine');
	out.push('');
	out.push(`- CPU: ${r.machine.cpu} × ${r.machine.cores}`);
	out.push(`- Memory: ${r.machine.memoryGiB.toFixed(1)} GiB`);
	out.push(`- OS: ${r.machine.os}`);
	out.push(`- Node.js: ${r.machine.node}`);
	out.push(`- PostgreSQL: ${r.machine.postgres}`);
	out.push(`- Server: ${r.machine.server}`);
	out.push(
		`- Settings: ${Object.entries(r.machine.settings)
			.map(([k, v]) => `\`${k}=${v}\``)
			.join(', ')}`
	);
	out.push('');
	out.push('## Method');
	out.push('');
	out.push('```sh');
	out.push('npm run bench                          # full run: 180 territories, 2,000,000 activities');
	out.push('BENCH_ACTIVITIES=50000 BENCH_OUTPUT=/tmp/bench.md npm run bench   # quick smoke run');
	out.push('```');
	out.push('');
	out.push(
		[
			'1. A throw-away PostgreSQL server is started (`tests/support/pg-server.ts`; or `BENCH_DATABASE_URL`, an empty database) and migrated with the app’s migrations.',
			'2. The raw tables are bulk-loaded with set-based SQL (`INSERT … SELECT generate_series`), foreign-key triggers off during the load, secondary indexes rebuilt afterwards and referential integrity checked by anti-joins.',
			'3. The aggregates are rebuilt by the app’s `rebuildAggregates()`, then `VACUUM ANALYZE` and `CHECKPOINT`.',
			'4. Each measure is warmed up, then sampled: territory indicator over random territories (seeded), for the school year 2025-2026 and for all time; national indicator for the same two periods; `createActivity` of a done activity with 1–3 audience counts in a random territory, initiative and commune (every call updates the aggregate tables in its transaction).',
			'5. `compareAggregates()` then recounts every aggregate from the raw rows; the use cases’ totals are also compared with a direct count.',
			'6. The run fails (non-zero exit) if a p95 misses its target or an aggregate differs from the recount.'
		].join('\n')
	);
	out.push('');
	return out.join('\n');
}
