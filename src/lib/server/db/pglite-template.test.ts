import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './client';
import { pgliteTemplatePath, startFromTemplate } from './pglite-template';

/*
 * A first start of the embedded database copies the build's template (initialised and migrated)
 * instead of running initdb; a data directory that holds a database is never touched. Only for
 * PGlite on disk: PostgreSQL and in-memory PGlite never look for a template.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-pglite-template-'));
const previous = process.env.PGLITE_TEMPLATE_DIR;
process.env.PGLITE_TEMPLATE_DIR = path.join(work, 'build');

afterAll(() => {
	if (previous === undefined) delete process.env.PGLITE_TEMPLATE_DIR;
	else process.env.PGLITE_TEMPLATE_DIR = previous;
	fs.rmSync(work, { recursive: true, force: true });
});

async function count(dataDir: string, sql: string): Promise<number> {
	const database = await openDatabase({ dataDir });
	try {
		const client = (database.db as unknown as { $client: { query(s: string): Promise<{ rows: { n: number }[] }> } }).$client;
		return (await client.query(sql)).rows[0]!.n;
	} finally {
		await database.close();
	}
}

describe('the embedded database starts from the build’s template', () => {
	it(
		'a new data directory is a copy of the template, a database that exists is never replaced, and without a template nothing is copied',
		{ timeout: 180_000 },
		async () => {
			const template = pgliteTemplatePath()!;
			expect(path.basename(template)).toMatch(/^pglite-\d+\.\d+\.\d+/);
			// Without a template: initdb, as before.
			const plain = path.join(work, 'plain');
			expect(startFromTemplate(plain)).toBe(false);

			// The build's template: migrated, with a mark that only a copy of it can have.
			const made = await openDatabase({ dataDir: template });
			await migrate(made);
			await made.exec('CREATE TABLE template_mark (n int); INSERT INTO template_mark VALUES (42)');
			await made.close();

			// The default territory's first-start message reads this flag (ensureDefaultTerritory).
			const flagged = await openDatabase({ dataDir: path.join(work, 'flagged') });
			expect(flagged.fromTemplate).toBe(true);
			await flagged.close();
			const fresh = path.join(work, 'fresh');
			expect(await count(fresh, 'SELECT n FROM template_mark')).toBe(42);
			expect(fs.existsSync(path.join(fresh, 'PG_VERSION'))).toBe(true);
			expect(await count(fresh, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).toBeGreaterThan(10);

			// Opened again, it is the same database: what was written there stays, the template is not copied over it.
			const written = await openDatabase({ dataDir: fresh });
			expect(written.fromTemplate).toBe(false);
			await written.exec('UPDATE template_mark SET n = 7');
			await written.close();
			expect(startFromTemplate(fresh)).toBe(false);
			expect(await count(fresh, 'SELECT n FROM template_mark')).toBe(7);
			// The template itself is never written by the copies.
			expect(await count(template, 'SELECT n FROM template_mark')).toBe(42);
		}
	);
});
