import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { countRows, defaultTerritory, doneActivity, otherTerritory, storedParticipations, validationFields } from '../../../../tests/support/fixtures';
import type { Database } from '../db/client';
import { compareAggregates, emptyCells } from '../indicator/indicator.consistency';
import { ConflictError, NotFoundError } from '../shared/errors';
import { updatePlanPeriod } from '../plan/plan.usecases';
import { adminActor } from '../../../../tests/support/actors';
import { cancelActivity, createActivity, getActivity, updateActivity } from './activities.usecases';

const actor = adminActor('coordinatrice');
const today = '2026-11-20';
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let other: Awaited<ReturnType<typeof otherTerritory>>;

async function expectConsistent() {
	for (const d of await compareAggregates(database.db)) expect(d, d.table).toMatchObject({ missing: 0, extra: 0 });
	// The cells an edited or cancelled activity left empty are deleted, in every table.
	for (const e of await emptyCells(database.db)) expect(e, e.table).toMatchObject({ rows: 0 });
}

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	other = await otherTerritory(database.db);
});
afterAll(() => database.close());

describe('recording activities keeps the indicator true', () => {
	it('a done activity counts at once, in the same transaction as its recording', async () => {
		const before = await storedParticipations(database.db, t.scope.territoryId);
		await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId), { today });
		expect(await storedParticipations(database.db, t.scope.territoryId)).toBe(before + 23);
		await expectConsistent();
	});

	it('a planned activity is not counted until it is done', async () => {
		const before = await storedParticipations(database.db, t.scope.territoryId);
		const planned = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, { status: 'planned', date: '2027-01-10' }), { today });
		expect(await storedParticipations(database.db, t.scope.territoryId)).toBe(before);
		await updateActivity(database.db, t.scope, actor, planned.id, planned.version, doneActivity(t.initiativeId, { date: '2026-11-02' }), { today });
		expect(await storedParticipations(database.db, t.scope.territoryId)).toBe(before + 23);
		await expectConsistent();
	});

	it('editing an activity moves its participations to its new month, commune and initiative', async () => {
		const created = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId), { today });
		await updateActivity(
			database.db,
			t.scope,
			actor,
			created.id,
			created.version,
			doneActivity(t.initiatives[2]!.id, { date: '2026-03-05', communeCode: '59295', audiences: [{ audience: 'women', level: 'job_seekers', count: 7 }] }),
			{ today }
		);
		const reread = await getActivity(database.db, t.scope, actor, created.id);
		expect(reread).toMatchObject({ communeCode: '59295', version: 2, audiences: [{ audience: 'women', level: 'job_seekers', count: 7 }] });
		await expectConsistent();
	});

	it('cancelling keeps the record but removes it from the indicator', async () => {
		const created = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId), { today });
		const before = await storedParticipations(database.db, t.scope.territoryId);
		await cancelActivity(database.db, t.scope, actor, created.id, created.version, { reason: 'Grève des transports' });
		expect(await storedParticipations(database.db, t.scope.territoryId)).toBe(before - 23);
		expect(await getActivity(database.db, t.scope, actor, created.id)).toMatchObject({ status: 'cancelled', cancelReason: 'Grève des transports' });
		await expectConsistent();
	});

	it('cancelling an activity alone in its cells deletes those cells from every aggregate table', async () => {
		const sizes = async () =>
			Object.fromEntries(
				await Promise.all((await emptyCells(database.db)).map(async ({ table }) => [table, await countRows(database.db, table)] as const))
			) as Record<string, number>;
		const before = await sizes();
		const alone = doneActivity(other.initiativeId, { communeCode: other.communeCode, date: '2026-02-17' });
		const created = await createActivity(database.db, other.scope, actor, alone, { today });
		const counted = await sizes();
		for (const [table, rows] of Object.entries(counted)) expect(rows, table).toBeGreaterThan(before[table]!);
		await cancelActivity(database.db, other.scope, actor, created.id, created.version, { reason: 'Annulée par l’entreprise' });
		expect(await sizes()).toEqual(before);
		await expectConsistent();
	});

	it('the second of two concurrent edits gets a conflict and overwrites nothing', async () => {
		const created = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId), { today });
		await updateActivity(database.db, t.scope, actor, created.id, created.version, doneActivity(t.initiativeId, { title: 'Première version' }), { today });
		const stale = updateActivity(database.db, t.scope, actor, created.id, created.version, doneActivity(t.initiativeId, { title: 'Seconde version' }), {
			today
		});
		const error = await stale.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).current).toMatchObject({ title: 'Première version' });
		expect((await getActivity(database.db, t.scope, actor, created.id)).title).toBe('Première version');
		await expectConsistent();
	});
});

describe('bad input gets a French message on the right field and changes nothing', () => {
	it.each([
		['a negative count', { audiences: [{ audience: 'girls', level: 'college', count: -3 }] }, 'aud.girls.college', 'validation.count'],
		['an absurd count', { audiences: [{ audience: 'girls', level: 'college', count: 90000 }] }, 'aud.girls.college', 'validation.count_too_high'],
		['a done activity in the future', { date: '2026-12-24' }, 'date', 'validation.done_in_future'],
		['a done activity without anybody', { audiences: [] }, 'audiences', 'validation.done_needs_audience'],
		['an impossible date', { date: '2025-02-30' }, 'date', 'validation.date'],
		[
			'a level that does not apply to the audience',
			{ audiences: [{ audience: 'teachers', level: 'college', count: 3 }] },
			'aud.teachers.college',
			'validation.level_not_allowed'
		],
		['an unknown activity type', { type: 'party' }, 'type', 'validation.enum'],
		['an empty title', { title: '   ' }, 'title', 'validation.required'],
		['an oversized title', { title: 'x'.repeat(5000) }, 'title', 'validation.too_long']
	])('%s', async (_label, overrides, field, key) => {
		const rows = await countRows(database.db, 'activities');
		const fields = await validationFields(createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, overrides), { today }));
		expect(fields[field]).toBe(key);
		expect(await countRows(database.db, 'activities')).toBe(rows);
	});

	it('every error shows at once: a future date for a done activity next to an empty title', async () => {
		const fields = await validationFields(
			createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, { title: '', date: '2027-05-01' }), { today })
		);
		expect(fields).toMatchObject({ title: 'validation.required', date: 'validation.done_in_future' });
	});

	it('a commune outside the territory is refused', async () => {
		const fields = await validationFields(createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, { communeCode: '75056' }), { today }));
		expect(fields.communeCode).toBe('validation.commune_outside');
	});

	it('an initiative of another territory is refused as unknown', async () => {
		const fields = await validationFields(createActivity(database.db, t.scope, actor, doneActivity(other.initiativeId), { today }));
		expect(fields.initiativeId).toBe('validation.initiative_unknown');
	});

	it('a date outside the plan period is refused once the coordinator has set the period', async () => {
		await updatePlanPeriod(database.db, other.scope, actor, { startsOn: '2025-09-01', endsOn: '2027-08-31' });
		const fields = await validationFields(
			createActivity(database.db, other.scope, actor, doneActivity(other.initiativeId, { communeCode: other.communeCode, date: '2024-06-01' }), { today })
		);
		expect(fields.date).toBe('validation.outside_plan');
	});
});

describe('territory isolation', () => {
	it('another territory cannot read, edit or cancel an activity, and learns nothing about it', async () => {
		const created = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId), { today });
		await expect(getActivity(database.db, other.scope, actor, created.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			updateActivity(database.db, other.scope, actor, created.id, created.version, doneActivity(other.initiativeId, { communeCode: other.communeCode }), {
				today
			})
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(cancelActivity(database.db, other.scope, actor, created.id, created.version, { reason: 'x' })).rejects.toBeInstanceOf(NotFoundError);
		expect((await getActivity(database.db, t.scope, actor, created.id)).status).toBe('done');
	});
});

describe('a done activity must count somebody', () => {
	it('a grid of zeros is refused like an empty grid', async () => {
		const fields = await validationFields(
			createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, { audiences: [{ audience: 'girls', level: 'college', count: 0 }] }), { today })
		);
		expect(fields.audiences).toBe('validation.done_needs_audience');
	});
});
