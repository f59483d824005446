import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, defaultTerritory, doneActivity, otherTerritory } from '../../../../tests/support/fixtures';
import { createTestDatabase, testDbKind } from '../../../../tests/support/test-db';
import { createActivity } from '../activities/activities.usecases';
import { activities } from '../activities/activities.table';
import type { Database, Db } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Actor, TerritoryScope } from '../shared/scope';
import { apiIdempotencyKeys } from './idempotency.table';
import { requestFingerprint, runIdempotent, type ApiAnswer } from './idempotency.usecases';
import { adminActor } from '../../../../tests/support/actors';

const tool: Actor = adminActor('api-token:1', { label: 'Outil' });
const otherTool: Actor = adminActor('api-token:2', { label: 'Autre outil' });
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let neighbour: Awaited<ReturnType<typeof otherTerritory>>;

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	neighbour = await otherTerritory(database.db);
});
afterAll(() => database.close());

/** What the API route does: create the activity, answer 201 with it. */
function post(scope: TerritoryScope, actor: Actor, key: string, body: Record<string, unknown>, now?: Date) {
	return runIdempotent(
		database.db,
		scope,
		{ caller: actor.userId, key, fingerprint: requestFingerprint('POST', '/activities', body), now },
		async (tx: Db): Promise<ApiAnswer> => {
			const row = await createActivity(tx, scope, actor, body, { source: 'api' });
			return { status: 201, body: { data: { id: row.id, title: row.title } }, location: `/activities/${row.id}` };
		}
	);
}

async function activitiesTitled(title: string): Promise<number> {
	return (await database.db.select().from(activities).where(eq(activities.title, title))).length;
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const e = await promise.then(
		() => null,
		(error: unknown) => error
	);
	expect(e).toBeInstanceOf(DomainError);
	return e as DomainError;
}

describe(`Idempotency-Key of API writes (${testDbKind()})`, () => {
	it('a client retrying after a lost answer gets the first answer back and the activity is recorded once', async () => {
		const body = doneActivity(t.initiativeId, { title: 'Retry après coupure' });
		const first = await post(t.scope, tool, 'cle-1', body);
		const retry = await post(t.scope, tool, 'cle-1', { ...body });
		expect(first.replayed).toBe(false);
		expect(retry).toEqual({ answer: first.answer, replayed: true });
		expect(await activitiesTitled('Retry après coupure')).toBe(1);
	});

	it('the same key with a different body is refused with 422 and changes nothing', async () => {
		const body = doneActivity(t.initiativeId, { title: 'Première requête' });
		await post(t.scope, tool, 'cle-2', body);
		const before = await countRows(database.db, 'activities');
		const e = await failure(post(t.scope, tool, 'cle-2', { ...body, title: 'Autre requête' }));
		expect([e.code, e.status]).toEqual(['idempotency.key_reused', 422]);
		expect(await countRows(database.db, 'activities')).toBe(before);
	});

	it('keys belong to one token in one territory: another token or territory using the same key writes its own activity', async () => {
		await post(t.scope, tool, 'cle-partagee', doneActivity(t.initiativeId, { title: 'Outil un' }));
		const second = await post(t.scope, otherTool, 'cle-partagee', doneActivity(t.initiativeId, { title: 'Outil deux' }));
		const third = await post(
			neighbour.scope,
			tool,
			'cle-partagee',
			doneActivity(neighbour.initiativeId, { title: 'Voisin', communeCode: neighbour.communeCode })
		);
		expect([second.replayed, third.replayed]).toEqual([false, false]);
		expect([await activitiesTitled('Outil un'), await activitiesTitled('Outil deux'), await activitiesTitled('Voisin')]).toEqual([1, 1, 1]);
		const keys = await database.db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.key, 'cle-partagee'));
		expect(keys.map((k) => [k.territoryId, k.caller]).sort()).toEqual(
			[
				[t.scope.territoryId, tool.userId],
				[t.scope.territoryId, otherTool.userId],
				[neighbour.scope.territoryId, tool.userId]
			].sort()
		);
	});

	it('a refused request stores no key: corrected, it goes through under the same key', async () => {
		const e = await failure(post(t.scope, tool, 'cle-3', doneActivity(t.initiativeId, { title: '' })));
		expect(e.code).toBe('validation.failed');
		const [stored] = await database.db
			.select()
			.from(apiIdempotencyKeys)
			.where(and(eq(apiIdempotencyKeys.key, 'cle-3')));
		expect(stored).toBeUndefined();
		const corrected = await post(t.scope, tool, 'cle-3', doneActivity(t.initiativeId, { title: 'Corrigée' }));
		expect(corrected.replayed).toBe(false);
		expect(await activitiesTitled('Corrigée')).toBe(1);
	});

	it('a key is remembered 24 hours: after that, the same request is a new one', async () => {
		const body = doneActivity(t.initiativeId, { title: 'Le lendemain' });
		await post(t.scope, tool, 'cle-4', body);
		const later = new Date(Date.now() + 25 * 60 * 60 * 1000);
		expect((await post(t.scope, tool, 'cle-4', body, later)).replayed).toBe(false);
		expect(await activitiesTitled('Le lendemain')).toBe(2);
	});

	it('a malformed key is refused before anything is written', async () => {
		for (const key of ['', 'a b', 'é', 'x'.repeat(256)]) {
			const e = await failure(post(t.scope, tool, key, doneActivity(t.initiativeId, { title: 'Clé invalide' })));
			expect(e.code, JSON.stringify(key)).toBe('idempotency.invalid_key');
		}
		expect(await activitiesTitled('Clé invalide')).toBe(0);
	});

	it('concurrent retries with the same key record exactly one activity; the others are replays or 409', async () => {
		const body = doneActivity(t.initiativeId, { title: 'Rafale concurrente' });
		const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => post(t.scope, tool, 'cle-rafale', body)));
		expect(await activitiesTitled('Rafale concurrente')).toBe(1);
		const created = outcomes.filter((o) => o.status === 'fulfilled' && !o.value.replayed);
		expect(created).toHaveLength(1);
		for (const o of outcomes) {
			if (o.status === 'rejected') expect([(o.reason as DomainError).code, (o.reason as DomainError).status]).toEqual(['idempotency.in_progress', 409]);
			else expect(o.value.answer).toEqual((created[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof post>>>).value.answer);
		}
	});
});
