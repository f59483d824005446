import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest, testDbKind } from '../../../../tests/support/test-db';
import type { Db } from '../db/client';
import { recordAudit } from './audit.repository';

/*
 * The territory's data version (decision 0012) moves when an audited change commits, by a trigger
 * on audit_events (drizzle/0013): once per transaction and territory, every territory's for a change
 * without one, and never for a change rolled back.
 */

const actor = adminActor('coordinatrice');
const HOME = 'flandre-saint-omer';
const OTHER = 'autre-territoire';
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db), other: await otherTerritory(database.db) }));

async function versions(db: Db): Promise<Record<string, number>> {
	const found = await rows<{ slug: string; data_version: string }>(db, sql`select slug, data_version from territories order by id`);
	return Object.fromEntries(found.map((r) => [r.slug, Number(r.data_version)]));
}

const entry = (entityId: number) => ({ action: 'update', entityType: 'organisation', entityId });

describe('the data version moves when an audited change commits', () => {
	it('once per transaction for its territory, whatever the number of traces; every territory’s for a change outside any; not at all when rolled back', async () => {
		const { database, t, other } = fresh();
		const db = database.db;
		const before = await versions(db);

		await db.transaction(async (tx) => {
			for (let i = 1; i <= 3; i++) await recordAudit(tx, t.scope, actor, entry(i));
		});
		expect(await versions(db)).toEqual({ ...before, [HOME]: before[HOME]! + 1 });

		await db.transaction(async (tx) => {
			await recordAudit(tx, other.scope, actor, entry(1));
			await recordAudit(tx, null, actor, entry(2));
		});
		expect(await versions(db)).toEqual({ [HOME]: before[HOME]! + 2, [OTHER]: before[OTHER]! + 1 });

		await db
			.transaction(async (tx) => {
				await recordAudit(tx, t.scope, actor, entry(4));
				throw new Error('rolled back');
			})
			.catch(() => {});
		expect(await versions(db)).toEqual({ [HOME]: before[HOME]! + 2, [OTHER]: before[OTHER]! + 1 });
	});

	// PGlite has one connection: its transactions run one after the other and cannot deadlock.
	it.runIf(testDbKind() === 'postgres')(
		'two writes that audit and lock one record in opposite orders both commit (the territory row is locked only at commit)',
		async () => {
			const { database, t } = fresh();
			const db = database.db;
			const before = await versions(db);
			const [organisation] = await rows<{ id: number }>(db, sql`select id from organisations where territory_id = ${t.scope.territoryId} order by id limit 1`);
			const touch = (tx: Db) => tx.execute(sql`update organisations set name = name where id = ${organisation!.id}`);
			let holdsRecord!: () => void;
			let audited!: () => void;
			const firstHoldsRecord = new Promise<void>((resolve) => (holdsRecord = resolve));
			const secondAudited = new Promise<void>((resolve) => (audited = resolve));

			const first = db.transaction(async (tx) => {
				await touch(tx);
				holdsRecord();
				await secondAudited;
				await recordAudit(tx, t.scope, actor, entry(organisation!.id));
			});
			const second = db.transaction(async (tx) => {
				await firstHoldsRecord;
				await recordAudit(tx, t.scope, actor, entry(organisation!.id));
				audited();
				await touch(tx);
			});

			const outcomes = await Promise.allSettled([first, second]);
			expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual(['fulfilled', 'fulfilled']);
			expect((await versions(db))[HOME]).toBe(before[HOME]! + 2);
		}
	);
});
