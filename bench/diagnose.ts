/**
 * When a target is missed: replays one call of the use case on a connection that logs its SQL,
 * then runs EXPLAIN (ANALYZE, BUFFERS) on every read statement it issued, so the report shows
 * where the time goes (PostgreSQL execution vs. rows shipped to and rolled up in Node).
 */
import type pg from 'pg';
import { openDatabase, type Db } from '../src/lib/server/db/client';

const REPEAT = 5;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export interface StatementDiagnosis {
	sql: string;
	/** Rows returned to the application. */
	rows: number;
	/** PostgreSQL execution time (EXPLAIN ANALYZE "Execution Time"). */
	serverMs: number;
	/** Same statement through a plain node-postgres client (median of 5): execution + transfer + decoding. */
	clientMs: number;
	plan: string;
}

export interface Diagnosis {
	measure: string;
	call: string;
	/** One call of the use case on a warm connection (median of 5). */
	totalMs: number;
	statements: StatementDiagnosis[];
	/** Write statements are listed but not explained (EXPLAIN ANALYZE would execute them). */
	writes: string[];
}

export async function diagnose(url: string, client: pg.Client, spec: { measure: string; call: string }, run: (db: Db) => Promise<unknown>): Promise<Diagnosis> {
	const captured: { sql: string; params: unknown[] }[] = [];
	const database = await openDatabase({ databaseUrl: url, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } });
	try {
		await run(database.db);
		await run(database.db);
		// Median of five calls; the statements of the last one are the ones explained.
		const calls: number[] = [];
		for (let i = 0; i < REPEAT; i++) {
			captured.length = 0;
			const t0 = performance.now();
			await run(database.db);
			calls.push(performance.now() - t0);
		}
		const totalMs = median(calls);
		const statements: StatementDiagnosis[] = [];
		const writes: string[] = [];
		for (const { sql, params } of captured) {
			if (!/^\s*(select|with)\b/i.test(sql)) {
				writes.push(sql);
				continue;
			}
			const explained = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params);
			const plan = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
			const serverMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
			let rows = 0;
			const times: number[] = [];
			for (let i = 0; i < REPEAT; i++) {
				const t1 = performance.now();
				const result = await client.query(sql, params);
				times.push(performance.now() - t1);
				rows = result.rowCount ?? result.rows.length;
			}
			statements.push({ sql, rows, serverMs, clientMs: median(times), plan });
		}
		return { ...spec, totalMs, statements, writes };
	} finally {
		await database.close();
	}
}
