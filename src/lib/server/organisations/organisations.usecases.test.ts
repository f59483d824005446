import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory, doneActivity, otherTerritory } from '../../../../tests/support/fixtures';
import { createActivity, getActivity } from '../activities/activities.usecases';
import type { Database } from '../db/client';
import { territoryIndicator } from '../indicator/indicator.usecases';
import { NotFoundError, ValidationError } from '../shared/errors';
import { listOrganisations, listOrganisationStatuses } from './organisations.repository';
import { changeOrganisationStatus, organisationStatusAt } from './organisations.usecases';
import { adminActor } from '../../../../tests/support/actors';

const actor = adminActor('coordinatrice');
let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.close());

describe('organisations change status over time', () => {
	it('a firm in receivership, then closed, keeps the activities it hosted and they stay counted', async () => {
		const t = await defaultTerritory(database.db);
		const arc = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Arc France')!;
		const hosted = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, { hostOrganisationId: arc.id, date: '2025-11-05' }), {
			today: '2026-11-20'
		});
		await changeOrganisationStatus(database.db, t.scope, actor, arc.id, { status: 'receivership', since: '2026-01-15', note: 'Redressement judiciaire' });
		await changeOrganisationStatus(database.db, t.scope, actor, arc.id, { status: 'closed', since: '2026-10-01' });
		expect(await organisationStatusAt(database.db, t.scope, arc.id, '2025-12-31')).toBe('active');
		expect(await organisationStatusAt(database.db, t.scope, arc.id, '2026-02-01')).toBe('receivership');
		expect(await organisationStatusAt(database.db, t.scope, arc.id, '2026-11-01')).toBe('closed');
		expect((await getActivity(database.db, t.scope, actor, hosted.id)).hostOrganisationId).toBe(arc.id);
		expect((await territoryIndicator(database.db, t.scope, { schoolYear: '2025-2026' })).participations).toBe(23);
		const trail = (
			(await database.db.execute(sql`select action, before, after from audit_events where entity_type = 'organisation' order by id`)) as unknown as {
				rows: { action: string; before: { status: string }; after: { status: string } }[];
			}
		).rows;
		expect(trail.map((e) => [e.before.status, e.after.status])).toEqual([
			['active', 'receivership'],
			['receivership', 'closed']
		]);
	});

	it('an unknown status is refused, and another territory cannot change it', async () => {
		const t = await defaultTerritory(database.db);
		const other = await otherTerritory(database.db);
		const arc = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Arc France')!;
		await expect(changeOrganisationStatus(database.db, t.scope, actor, arc.id, { status: 'vanished', since: '2026-01-01' })).rejects.toBeInstanceOf(
			ValidationError
		);
		await expect(changeOrganisationStatus(database.db, other.scope, actor, arc.id, { status: 'closed', since: '2026-01-01' })).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('a status date naming no real day (30 February) is refused with the date message, nothing recorded', async () => {
		const t = await defaultTerritory(database.db);
		const arc = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Arc France')!;
		const before = await listOrganisationStatuses(database.db, t.scope, arc.id);
		const error = await changeOrganisationStatus(database.db, t.scope, actor, arc.id, { status: 'receivership', since: '2026-02-30' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields.since?.key).toBe('validation.date');
		expect(await listOrganisationStatuses(database.db, t.scope, arc.id)).toEqual(before);
	});
});
