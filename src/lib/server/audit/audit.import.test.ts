import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminActor } from '../../../../tests/support/actors';
import { defaultTerritory } from '../../../../tests/support/fixtures';
import { legacyCsv, legacyRows } from '../../../../tests/support/legacy-spreadsheet';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { translator } from '../../i18n';
import { importActivities } from '../activities/activities.import';
import type { Database } from '../db/client';
import { browseAudit, exportAuditCsv, readAuditFilters } from './audit.usecases';

const actor = adminActor('coordinatrice', { label: 'camille@example.org' });
const today = '2026-11-20';
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	const summary = await importActivities(database.db, t.scope, actor, { bytes: legacyCsv(legacyRows()), name: 'suivi.csv' }, { dryRun: false, today });
	expect(summary).toMatchObject({ created: 9, duplicates: 0 });
});
afterAll(() => database.close());

const all = () => {
	const r = readAuditFilters(new URLSearchParams(''));
	if (!r.ok) throw new Error('filters refused');
	return r.filters;
};
const line = (c: { label: string; before: string | null; after: string }) =>
	c.before === null ? `${c.label} : ${c.after}` : `${c.label} : ${c.before} → ${c.after}`;

describe('an import of a spreadsheet in the journal', () => {
	it('is named by its file and its details read in French, never by their code names', async () => {
		const { entries } = await browseAudit(database.db, t.scope, all(), { t: translator('fr'), locale: 'fr', slug: 'flandre-saint-omer' });
		const entry = entries.find((e) => e.action === 'import')!;
		expect(entry).toMatchObject({ actionLabel: 'Import', entityLabel: 'Import d’un tableau d’actions', subject: 'suivi.csv' });
		const lines = entry.changes.map(line);
		expect(lines[0]).toBe('Fichier : suivi.csv');
		expect(lines).toEqual(
			expect.arrayContaining([
				'Lignes : 9',
				'Actions créées : 9',
				'Doublons : 0',
				expect.stringMatching(/^Participations : \d/),
				expect.stringMatching(/^Actions n° : \d+–\d+$/)
			])
		);
		for (const c of entry.changes) expect(c.label, c.field).not.toBe(c.field);
	});

	it('reads the same in English and in the CSV export', async () => {
		const en = translator('en');
		const { entries } = await browseAudit(database.db, t.scope, all(), { t: en, locale: 'en', slug: 'flandre-saint-omer' });
		const entry = entries.find((e) => e.action === 'import')!;
		// In the order the database keeps a JSON object's keys (shortest first).
		expect(entry.changes.map((c) => c.label)).toEqual(['File', 'Rows', 'Activities created', 'Duplicates', 'Activities no.', 'Participations']);
		const csv = await exportAuditCsv(database.db, t.scope, all(), { t: translator('fr'), locale: 'fr', slug: 'flandre-saint-omer' });
		const importLine = csv.split('\r\n').find((l) => l.includes('Import d’un tableau d’actions'))!;
		expect(importLine).toContain('suivi.csv');
		expect(importLine).toContain('Lignes : 9 | Actions créées : 9 | Doublons : 0');
		expect(importLine).not.toMatch(/\b(rows|created|duplicates|activityIds) :/);
	});
});
