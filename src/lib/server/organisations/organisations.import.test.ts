import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { defaultTerritory } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import type { Db } from '../db/client';
import { NotFoundError, ValidationError } from '../shared/errors';
import { importSchools, readSemicolonCsv } from './organisations.import';

const fixture = new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, '../../../../tests/fixtures/annuaire-education.csv')));
const coordinator = adminActor('coordinatrice');
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));

async function schools(db: Db) {
	return (
		(await db.execute(sql`select uai, name, commune_code, kind from organisations where kind = 'school' and uai is not null order by uai`)) as unknown as {
			rows: { uai: string; name: string; commune_code: string; kind: string }[];
		}
	).rows;
}

describe('importing the schools of the Annuaire de l’éducation', () => {
	it('a dry run says what would change and writes nothing', async () => {
		const { database, t } = fresh();
		const summary = await importSchools(database.db, t.scope, coordinator, { bytes: fixture }, { dryRun: true });
		expect(summary).toEqual({
			dryRun: true,
			created: 3,
			updated: 0,
			unchanged: 0,
			skippedOutside: 1,
			rejected: [{ line: 6, reason: 'import.reason.uai', value: '0621833A' }]
		});
		expect(await schools(database.db)).toEqual([]);
	});

	it('the import creates the territory’s schools with their UAI and commune, audited; a re-import creates no duplicate', async () => {
		const { database, t } = fresh();
		const first = await importSchools(database.db, t.scope, coordinator, { bytes: fixture }, { dryRun: false });
		expect([first.created, first.updated, first.skippedOutside, first.rejected.length]).toEqual([3, 0, 1, 1]);
		expect(await schools(database.db)).toEqual([
			{ uai: '0620042J', name: 'Lycée polyvalent Vauban; site de la Lys', commune_code: '62014', kind: 'school' },
			{ uai: '0620108F', name: 'Lycée Alexandre Ribot', commune_code: '62765', kind: 'school' },
			{ uai: '0622276M', name: 'Collège Jean Macé', commune_code: '62040', kind: 'school' }
		]);
		const audited = (
			(await database.db.execute(sql`select count(*)::int as n from audit_events where action = 'import'`)) as unknown as { rows: { n: number }[] }
		).rows[0]!.n;
		expect(audited).toBe(3);

		const renamed = new TextEncoder().encode(new TextDecoder().decode(fixture).replace('Lycée Alexandre Ribot', 'Lycée Ribot'));
		const second = await importSchools(database.db, t.scope, coordinator, { bytes: renamed }, { dryRun: false });
		expect([second.created, second.updated, second.unchanged]).toEqual([0, 1, 2]);
		expect((await schools(database.db)).map((s) => s.name)).toEqual(['Lycée polyvalent Vauban; site de la Lys', 'Lycée Ribot', 'Collège Jean Macé']);
	});

	it('a file that is not the export, not UTF-8 or missing is refused next to the file field', async () => {
		const { database, t } = fresh();
		const refused = async (bytes: Uint8Array | null) => {
			const error = await importSchools(database.db, t.scope, coordinator, bytes ? { bytes } : null, { dryRun: false }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ValidationError);
			return (error as ValidationError).fields.file?.key;
		};
		expect(await refused(new TextEncoder().encode('nom;ville\nLycée;Saint-Omer\n'))).toBe('import.error.columns');
		expect(await refused(new Uint8Array([0x4c, 0x79, 0x63, 0xe9, 0x65]))).toBe('import.error.encoding');
		expect(await refused(null)).toBe('import.error.file');
		expect(await schools(database.db)).toEqual([]);
	});

	it('only coordinators import: a partner meets the same 404 as an unknown page', async () => {
		const { database, t } = fresh();
		const partner = actorOf({ userId: 'p', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: 1 }] });
		await expect(importSchools(database.db, t.scope, partner, { bytes: fixture }, { dryRun: false })).rejects.toBeInstanceOf(NotFoundError);
	});

	it('reads quoted fields with semicolons and doubled quotes, CRLF line ends', () => {
		expect(readSemicolonCsv('a;b\r\n"x; y";"dit ""oui"""\r\n')).toEqual([
			['a', 'b'],
			['x; y', 'dit "oui"']
		]);
	});

	it('a file with an unclosed quote is refused with a French message next to the file field, nothing imported', async () => {
		const { database, t } = fresh();
		const broken = new TextEncoder().encode('Identifiant_de_l_etablissement;Nom_etablissement;Code_commune\n0620108F;"Collège sans fin;62765\n');
		const error = await importSchools(database.db, t.scope, coordinator, { bytes: broken }, { dryRun: false }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields.file?.key).toBe('import.error.malformed');
	});
});
