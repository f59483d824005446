import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryTimingReport, statementText, timeEmbeddedQueries } from './query-timing';

describe('timing of the embedded database statements (crowd benchmark)', () => {
	let client: PGlite;
	beforeAll(async () => {
		client = await PGlite.create();
		timeEmbeddedQueries(client);
		queryTimingReport(true);
	});
	afterAll(() => client.close());

	it('keeps the longest statements, with their SQL, from both protocols', async () => {
		await client.query('select $1::int + 1 as two', [1]);
		await client.exec("select pg_sleep(0.05), 'slow one'");
		await new Promise((resolve) => setImmediate(resolve)); // a statement ends when the thread is given back
		const report = queryTimingReport(true);
		expect(report.statements).toBeGreaterThanOrEqual(2);
		expect(report.overTarget).toBe(1);
		expect(report.longestMs).toBeGreaterThanOrEqual(50);
		expect(report.slowest[0]!.sql).toBe("select pg_sleep(0.05), 'slow one'");
		expect(report.slowest.map((s) => s.sql)).toContain('select $1::int + 1 as two');
		expect(queryTimingReport(false).statements).toBe(0);
	});

	it('names a message it cannot read by its type', () => {
		expect(statementText(new Uint8Array([83, 0, 0, 0, 4]))).toBe('(S)');
	});
});
