import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, otherTerritory } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { user } from '../accounts/accounts.table';
import { insertRole } from '../accounts/accounts.repository';
import type { Db } from '../db/client';
import { interventionRequests, interventionSpeakers } from '../interventions/interventions.table';
import { myRoleModelProfile, createRoleModel } from '../role-models/role-models.usecases';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { TerritoryScope } from '../shared/scope';
import { calendarFeedIcs, calendarFeedStatus, calendarHost, createCalendarFeed, revokeCalendarFeed } from './calendar.usecases';
import { interventionUid } from './ics';

const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
const coordinatorActor = adminActor('coordinatrice');

const tokenOf = (url: string) => /\/calendrier\/([A-Za-z0-9_-]+)\.ics$/.exec(url)![1]!;

async function roleModel(db: Db, scope: TerritoryScope, id: string, email: string) {
	await createRoleModel(db, scope, coordinatorActor, { firstName: id, lastName: 'Intervenante', email });
	await db.insert(user).values({ id, name: id, email });
	await insertRole(db, { userId: id, territoryId: scope.territoryId, role: 'role_model' });
	const actor = actorOf({ userId: id, platformAdmin: false, roles: [{ territoryId: scope.territoryId, role: 'role_model', organisationId: null }] });
	const profile = await myRoleModelProfile(db, scope, actor);
	return { actor, profileId: profile!.profile.id };
}

/** An intervention on 10 March 2026 at 14:00 Paris time (13:00 UTC), in a state, with speakers. */
async function intervention(db: Db, scope: TerritoryScope, state: string, speakers: { profileId: number; status: string }[], sequence = 0, day = '2026-03-10') {
	const [row] = await db
		.insert(interventionRequests)
		.values({
			territoryId: scope.territoryId,
			followTokenHash: `follow-${state}-${day}-${Math.random()}`,
			requesterKind: 'school',
			organisationName: 'Collège de la Morinie',
			kindCode: 'classroom_talk',
			audience: 'girls',
			level: 'college',
			expectedSize: 28,
			wishedFrom: day,
			wishedTo: day,
			communeCode: '62765',
			contactName: 'Professeure principale',
			state,
			startsAt: new Date(`${day}T13:00:00Z`),
			endsAt: new Date(`${day}T15:00:00Z`),
			icalSequence: sequence
		})
		.returning();
	for (const s of speakers)
		await db.insert(interventionSpeakers).values({ territoryId: scope.territoryId, requestId: row!.id, profileId: s.profileId, status: s.status });
	return row!;
}

function events(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	return calendar.getAllSubcomponents('vevent').map((v) => {
		const start = v.getFirstProperty('dtstart')!;
		return {
			uid: String(v.getFirstPropertyValue('uid')),
			sequence: Number(v.getFirstPropertyValue('sequence')),
			status: String(v.getFirstPropertyValue('status')),
			summary: String(v.getFirstPropertyValue('summary')),
			tzid: start.getParameter('tzid'),
			start: String(start.getFirstValue())
		};
	});
}

describe('private iCal feeds', () => {
	it('a role model’s feed holds the interventions she accepted once confirmed, cancelled ones marked so, with the invitation’s UID and SEQUENCE', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const sophie = await roleModel(db, t.scope, 'sophie', 'sophie@arc.example');
		const ines = await roleModel(db, t.scope, 'ines', 'ines@capital-filles.example');
		const confirmed = await intervention(db, t.scope, 'confirmed', [{ profileId: sophie.profileId, status: 'accepted' }], 2);
		const cancelled = await intervention(db, t.scope, 'cancelled', [{ profileId: sophie.profileId, status: 'accepted' }], 3, '2026-03-17');
		await intervention(db, t.scope, 'proposed', [{ profileId: sophie.profileId, status: 'proposed' }], 0, '2026-03-24');
		await intervention(db, t.scope, 'confirmed', [{ profileId: sophie.profileId, status: 'declined' }], 0, '2026-03-25');
		await intervention(db, t.scope, 'confirmed', [{ profileId: ines.profileId, status: 'accepted' }], 0, '2026-03-26');

		const { url } = await createCalendarFeed(db, t.scope, sophie.actor, 'role_model');
		const feed = events(await calendarFeedIcs(db, tokenOf(url)));
		expect(feed).toEqual([
			{
				uid: interventionUid(confirmed.id, calendarHost()),
				sequence: 2,
				status: 'CONFIRMED',
				summary: 'Intervention en classe — Collège de la Morinie',
				tzid: 'Europe/Paris',
				start: '2026-03-10T14:00:00'
			},
			{
				uid: interventionUid(cancelled.id, calendarHost()),
				sequence: 3,
				status: 'CANCELLED',
				summary: 'Intervention en classe — Collège de la Morinie',
				tzid: 'Europe/Paris',
				start: '2026-03-17T14:00:00'
			}
		]);
		// Only the secret's SHA-256 is stored.
		const stored = ((await db.execute(sql`select token_hash from calendar_feeds`)) as unknown as { rows: { token_hash: string }[] }).rows;
		expect(stored.map((r) => r.token_hash)).not.toContain(tokenOf(url));
		expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('a coordinator’s feed holds every confirmed intervention of the territory', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const sophie = await roleModel(db, t.scope, 'sophie', 'sophie@arc.example');
		await intervention(db, t.scope, 'confirmed', [{ profileId: sophie.profileId, status: 'accepted' }]);
		await intervention(db, t.scope, 'confirmed', [], 0, '2026-03-12');
		await intervention(db, t.scope, 'submitted', [], 0, '2026-03-13');
		await db.insert(user).values({ id: 'claire', name: 'Claire', email: 'claire@capso.example' });
		await insertRole(db, { userId: 'claire', territoryId: t.scope.territoryId, role: 'coordinator' });
		const claire = actorOf({
			userId: 'claire',
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId, role: 'coordinator', organisationId: null }]
		});
		const { url } = await createCalendarFeed(db, t.scope, claire, 'coordinator');
		const feed = events(await calendarFeedIcs(db, tokenOf(url)));
		expect(feed.map((e) => [e.start, e.status])).toEqual([
			['2026-03-10T14:00:00', 'CONFIRMED'],
			['2026-03-12T14:00:00', 'CONFIRMED']
		]);
		// Her feed lasts while she coordinates the territory.
		await db.execute(sql`delete from territory_roles where user_id = 'claire'`);
		await expect(calendarFeedIcs(db, tokenOf(url))).rejects.toBeInstanceOf(NotFoundError);
	});

	it('a new link revokes the old one; a revoked or unknown link is not found', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const sophie = await roleModel(db, t.scope, 'sophie', 'sophie@arc.example');
		const first = await createCalendarFeed(db, t.scope, sophie.actor, 'role_model');
		const second = await createCalendarFeed(db, t.scope, sophie.actor, 'role_model');
		await expect(calendarFeedIcs(db, tokenOf(first.url))).rejects.toBeInstanceOf(NotFoundError);
		expect(await calendarFeedIcs(db, tokenOf(second.url))).toContain('BEGIN:VCALENDAR');
		expect((await calendarFeedStatus(db, t.scope, sophie.actor, 'role_model')).activeSince).not.toBeNull();
		await revokeCalendarFeed(db, t.scope, sophie.actor, 'role_model');
		await expect(calendarFeedIcs(db, tokenOf(second.url))).rejects.toBeInstanceOf(NotFoundError);
		await expect(calendarFeedIcs(db, 'x'.repeat(43))).rejects.toBeInstanceOf(NotFoundError);
		expect((await calendarFeedStatus(db, t.scope, sophie.actor, 'role_model')).activeSince).toBeNull();
	});

	it('nobody gets a feed that is not hers: a woman without a profile, a role model asking for the coordinators’ feed, another territory', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const other = await otherTerritory(db);
		const sophie = await roleModel(db, t.scope, 'sophie', 'sophie@arc.example');
		await expect(createCalendarFeed(db, t.scope, sophie.actor, 'coordinator')).rejects.toBeInstanceOf(NotFoundError);
		// No profile of hers in the other territory, nor for a funder here: said on the form, nothing created.
		await expect(createCalendarFeed(db, other.scope, sophie.actor, 'role_model')).rejects.toBeInstanceOf(ValidationError);
		const stranger = actorOf({ userId: 'personne', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'funder', organisationId: null }] });
		await expect(createCalendarFeed(db, t.scope, stranger, 'role_model')).rejects.toBeInstanceOf(ValidationError);
		const feeds = ((await db.execute(sql`select count(*)::int as n from calendar_feeds`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
		expect(feeds).toBe(0);
	});
});
