import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { countRows, defaultTerritory, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { lastMail } from '../../../../tests/support/outbox';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { user } from '../accounts/accounts.table';
import { insertRole } from '../accounts/accounts.repository';
import type { Db } from '../db/client';
import { calendarHost } from '../calendar/calendar.usecases';
import { interventionUid } from '../calendar/ics';
import { createRoleModel, myRoleModelProfile } from '../role-models/role-models.usecases';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { TerritoryScope } from '../shared/scope';
import { interventionRequests, interventionSpeakers } from './interventions.table';
import { listOpenInterventions, openInterventionsIcs, openInterventionsPage, releasePlace, takePlace } from './interventions.open';
import { upcomingCommitments } from './interventions.usecases';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-open-'));
process.env.DATA_DIR = dataDir;

const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
const coordinator = adminActor('coordinatrice');
/** "Now" of every test: 20 February 2026; the interventions are in March. */
const NOW = new Date('2026-02-20T10:00:00Z');

/** A role model of the territory with her account (profile linked to the user). */
async function roleModel(db: Db, scope: TerritoryScope, id: string) {
	const email = `${id}@arc.example`;
	await createRoleModel(db, scope, coordinator, { firstName: id, lastName: 'Intervenante', email });
	await db.insert(user).values({ id, name: id, email });
	await insertRole(db, { userId: id, territoryId: scope.territoryId, role: 'role_model' });
	const actor = actorOf({ userId: id, platformAdmin: false, roles: [{ territoryId: scope.territoryId, role: 'role_model', organisationId: null }] });
	const profile = await myRoleModelProfile(db, scope, actor);
	return { actor, email, profileId: profile!.profile.id };
}

interface Options {
	state?: string;
	day?: string;
	open?: boolean;
	capacityMin?: number;
	capacityMax?: number;
	accepted?: number[];
	organisationName?: string;
}

/** A school's request qualified for a day of March 2026 at 14:00 Paris time, with its contact's details. */
async function intervention(db: Db, scope: TerritoryScope, o: Options = {}) {
	const day = o.day ?? '2026-03-10';
	const communeCode = (await rows<{ code_insee: string }>(db, sql`select code_insee from communes where territory_id = ${scope.territoryId} limit 1`))[0]!
		.code_insee;
	const [row] = await db
		.insert(interventionRequests)
		.values({
			territoryId: scope.territoryId,
			followTokenHash: `follow-${Math.random()}`,
			requesterKind: 'school',
			organisationName: o.organisationName ?? 'Collège de la Morinie',
			kindCode: 'classroom_talk',
			audience: 'girls',
			level: 'college',
			expectedSize: 28,
			wishedFrom: day,
			wishedTo: day,
			communeCode,
			contactName: 'Claire Martin',
			contactEmail: 'claire.martin@college.example',
			contactPhone: '03 21 00 00 00',
			state: o.state ?? 'qualified',
			startsAt: new Date(`${day}T13:00:00Z`),
			endsAt: new Date(`${day}T15:00:00Z`),
			location: 'Salle 12',
			capacityMin: o.capacityMin ?? 1,
			capacityMax: o.capacityMax ?? 2,
			openToVolunteers: o.open ?? true
		})
		.returning();
	for (const profileId of o.accepted ?? [])
		await db.insert(interventionSpeakers).values({ territoryId: scope.territoryId, requestId: row!.id, profileId, status: 'accepted' });
	return row!;
}

const speakerStatus = async (db: Db, requestId: number, profileId: number) =>
	(await rows<{ status: string }>(db, sql`select status from intervention_speakers where request_id = ${requestId} and profile_id = ${profileId}`))[0]
		?.status ?? null;
const stateOf = async (db: Db, requestId: number) =>
	(await rows<{ state: string }>(db, sql`select state from intervention_requests where id = ${requestId}`))[0]!.state;

describe('the public list of interventions open to volunteers', () => {
	it('lists upcoming open interventions with their places left, « Complet » when every place is taken, soonest first', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const b = await roleModel(database.db, t.scope, 'julie');
		const later = await intervention(database.db, t.scope, { day: '2026-03-24', capacityMax: 3, accepted: [a.profileId], organisationName: 'Lycée Ribot' });
		const full = await intervention(database.db, t.scope, { day: '2026-03-10', state: 'confirmed', capacityMax: 2, accepted: [a.profileId, b.profileId] });
		const items = await listOpenInterventions(database.db, t.scope, NOW);
		expect(items.map((i) => [i.id, i.placesLeft, i.full])).toEqual([
			[full.id, 0, true],
			[later.id, 2, false]
		]);
		expect(items[1]).toMatchObject({
			kindFr: 'Intervention en classe',
			organisationName: 'Lycée Ribot',
			date: '2026-03-24',
			month: '2026-03',
			startTime: '14:00',
			endTime: '16:00'
		});
		expect(items[1]!.commune).not.toMatch(/^\d/);
	});

	it('never lists a request not open to volunteers, a past one, a closed one or another territory’s', async () => {
		const { database, t } = fresh();
		const other = await otherTerritory(database.db);
		const listed = await intervention(database.db, t.scope);
		await intervention(database.db, t.scope, { open: false });
		await intervention(database.db, t.scope, { day: '2026-02-10' });
		await intervention(database.db, t.scope, { state: 'cancelled' });
		await intervention(database.db, t.scope, { state: 'submitted' });
		await intervention(database.db, other.scope);
		expect((await listOpenInterventions(database.db, t.scope, NOW)).map((i) => i.id)).toEqual([listed.id]);
		expect(await countRows(database.db, 'intervention_requests')).toBe(6);
	});

	it('shows nothing of the contact: no name, e-mail, phone or place typed by the coordinator', async () => {
		const { database, t } = fresh();
		await intervention(database.db, t.scope);
		const page = await openInterventionsPage(database.db, t.scope, null, NOW);
		const text = JSON.stringify(page);
		expect(page.items).toHaveLength(1);
		for (const secret of ['Claire Martin', 'claire.martin@college.example', '03 21 00 00 00', 'Salle 12', 'follow-']) expect(text).not.toContain(secret);
		expect(page.roleModel).toBe(false);
	});

	it('the public iCal feed holds each open intervention under the UID of its invitations, its title saying the places left', async () => {
		const { database, t } = fresh();
		const request = await intervention(database.db, t.scope, { capacityMax: 3 });
		const calendar = new ICAL.Component(ICAL.parse(await openInterventionsIcs(database.db, t.scope, 'fr', NOW)));
		const [event] = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(event!.uid).toBe(interventionUid(request.id, calendarHost()));
		expect(event!.summary).toBe('Intervention en classe — Collège de la Morinie (3 places restantes)');
		expect(event!.startDate.toString()).toBe('2026-03-10T14:00:00');
		expect(event!.description).not.toContain('Claire');
	});
});

describe('a role model takes a place in one click', () => {
	it('a place left: she is accepted, recorded in the audit trail; the request stays qualified below its minimum', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const request = await intervention(database.db, t.scope, { capacityMin: 2, capacityMax: 3 });
		expect(await takePlace(database.db, t.scope, a.actor, request.id, NOW)).toEqual({ status: 'accepted', already: false, confirmed: false });
		expect(await speakerStatus(database.db, request.id, a.profileId)).toBe('accepted');
		expect(await stateOf(database.db, request.id)).toBe('qualified');
		expect(await countRows(database.db, `audit_events where action = 'take_place' and entity_id = '${request.id}'`)).toBe(1);
		expect(await countRows(database.db, 'mail_outbox')).toBe(0);
		const page = await openInterventionsPage(database.db, t.scope, a.actor.principal, NOW);
		expect(page).toMatchObject({ roleModel: true, mine: { [request.id]: 'accepted' } });
		expect(page.items[0]!.placesLeft).toBe(2);
	});

	it('a role model whose account was never linked to her profile (same e-mail) is linked by her first click and gets the place', async () => {
		const { database, t } = fresh();
		await createRoleModel(database.db, t.scope, coordinator, { firstName: 'Inès', lastName: 'Haddad', email: 'ines@arc.example' });
		await database.db.insert(user).values({ id: 'ines', name: 'Inès', email: 'ines@arc.example' });
		await insertRole(database.db, { userId: 'ines', territoryId: t.scope.territoryId, role: 'role_model' });
		const actor = actorOf({ userId: 'ines', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'role_model', organisationId: null }] });
		const request = await intervention(database.db, t.scope);
		expect((await openInterventionsPage(database.db, t.scope, actor.principal, NOW)).roleModel).toBe(true);
		// One speaker is enough here (the minimum is 1): her place confirms it.
		expect(await takePlace(database.db, t.scope, actor, request.id, NOW)).toEqual({ status: 'accepted', already: false, confirmed: true });
		expect(await rows(database.db, sql`select user_id from role_model_profiles where email = 'ines@arc.example'`)).toEqual([{ user_id: 'ines' }]);
	});

	it('the place that reaches the minimum confirms the intervention: everyone gets the invitation with its calendar, the school too', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const b = await roleModel(database.db, t.scope, 'julie');
		const request = await intervention(database.db, t.scope, { capacityMin: 2, capacityMax: 2, accepted: [a.profileId] });
		expect(await takePlace(database.db, t.scope, b.actor, request.id, NOW)).toEqual({ status: 'accepted', already: false, confirmed: true });
		expect(await stateOf(database.db, request.id)).toBe('confirmed');
		const mails = await rows<{ kind: string; to_address: string; attachments: unknown[] | null }>(
			database.db,
			sql`select kind, to_address, attachments from mail_outbox order by id`
		);
		expect(mails.map((m) => [m.kind, m.to_address]).sort()).toEqual(
			[
				['intervention.confirmation', a.email],
				['intervention.confirmation', b.email],
				['intervention.confirmation_requester', 'claire.martin@college.example']
			].sort()
		);
		const mail = await lastMail(dataDir, b.email, { db: database.db });
		expect(mail).toContain('text/calendar');
		expect(mail).toContain(interventionUid(request.id, calendarHost()));
		// Full now: listed as « Complet ».
		expect((await listOpenInterventions(database.db, t.scope, NOW))[0]).toMatchObject({ placesLeft: 0, full: true });
	});

	it('joining an intervention already confirmed, she gets her invitation and the school learns who comes', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const b = await roleModel(database.db, t.scope, 'julie');
		const request = await intervention(database.db, t.scope, { state: 'confirmed', capacityMin: 1, capacityMax: 2, accepted: [a.profileId] });
		expect(await takePlace(database.db, t.scope, b.actor, request.id, NOW)).toEqual({ status: 'accepted', already: false, confirmed: true });
		const mails = await rows<{ kind: string; to_address: string }>(database.db, sql`select kind, to_address from mail_outbox order by id`);
		expect(mails).toEqual([
			{ kind: 'intervention.confirmation', to_address: b.email },
			{ kind: 'intervention.speakers_changed', to_address: 'claire.martin@college.example' }
		]);
		expect(await lastMail(dataDir, 'claire.martin@college.example', { db: database.db })).toContain('amina Intervenante, julie Intervenante');
	});

	it('full: she goes on the waiting list, nothing sent; a second click says where she stands and changes nothing', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const b = await roleModel(database.db, t.scope, 'julie');
		const request = await intervention(database.db, t.scope, { state: 'confirmed', capacityMax: 1, accepted: [a.profileId] });
		expect(await takePlace(database.db, t.scope, b.actor, request.id, NOW)).toEqual({ status: 'waitlisted', already: false, confirmed: true });
		expect(await takePlace(database.db, t.scope, b.actor, request.id, NOW)).toEqual({ status: 'waitlisted', already: true, confirmed: true });
		expect(await takePlace(database.db, t.scope, a.actor, request.id, NOW)).toEqual({ status: 'accepted', already: true, confirmed: true });
		expect(await speakerStatus(database.db, request.id, b.profileId)).toBe('waitlisted');
		expect(await countRows(database.db, 'intervention_speakers')).toBe(2);
		expect(await countRows(database.db, `audit_events where action = 'take_place'`)).toBe(1);
		expect(await countRows(database.db, 'mail_outbox')).toBe(0);
		expect((await listOpenInterventions(database.db, t.scope, NOW))[0]).toMatchObject({ full: true, waiting: 1 });
	});

	it('an account without a role-model profile, or a request of another territory, is a 404; nothing recorded', async () => {
		const { database, t } = fresh();
		const other = await otherTerritory(database.db);
		const a = await roleModel(database.db, t.scope, 'amina');
		const request = await intervention(database.db, t.scope);
		const elsewhere = await intervention(database.db, other.scope);
		const partner = actorOf({
			userId: 'partenaire',
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: null }]
		});
		await expect(takePlace(database.db, t.scope, partner, request.id, NOW)).rejects.toBeInstanceOf(NotFoundError);
		await expect(takePlace(database.db, t.scope, a.actor, elsewhere.id, NOW)).rejects.toBeInstanceOf(NotFoundError);
		expect(await countRows(database.db, 'intervention_speakers')).toBe(0);
	});

	it('a past intervention, one not open to volunteers, a cancelled one or no intervention chosen: refused in French, nothing recorded', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const past = await intervention(database.db, t.scope, { day: '2026-02-10', state: 'confirmed' });
		const closed = await intervention(database.db, t.scope, { open: false });
		const cancelled = await intervention(database.db, t.scope, { state: 'cancelled' });
		const keys = [];
		for (const id of [past.id, closed.id, cancelled.id, null]) {
			const error = await takePlace(database.db, t.scope, a.actor, id, NOW).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ValidationError);
			keys.push((error as ValidationError).fields._form?.key);
		}
		expect(keys).toEqual(['open.refused.past', 'open.refused.not_open', 'open.refused.closed', 'open.refused.unknown']);
		expect(await countRows(database.db, 'intervention_speakers')).toBe(0);
		expect(await countRows(database.db, `audit_events where action = 'take_place'`)).toBe(0);
	});
});

describe('a role model gives her place back before the date', () => {
	it('the first woman on the waiting list gets the place and her invitation; the one who left gets the calendar cancellation; the school learns who comes', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const b = await roleModel(database.db, t.scope, 'julie');
		const c = await roleModel(database.db, t.scope, 'sarah');
		const request = await intervention(database.db, t.scope, { state: 'confirmed', capacityMax: 1, accepted: [a.profileId] });
		await takePlace(database.db, t.scope, b.actor, request.id, NOW);
		await takePlace(database.db, t.scope, c.actor, request.id, new Date(NOW.getTime() + 60_000));
		expect(await releasePlace(database.db, t.scope, a.actor, request.id, NOW)).toEqual({ released: true, promoted: b.profileId });
		expect(await speakerStatus(database.db, request.id, a.profileId)).toBe('withdrawn');
		expect(await speakerStatus(database.db, request.id, b.profileId)).toBe('accepted');
		expect(await speakerStatus(database.db, request.id, c.profileId)).toBe('waitlisted');
		const mails = await rows<{ kind: string; to_address: string }>(database.db, sql`select kind, to_address from mail_outbox order by id`);
		expect(mails).toEqual([
			{ kind: 'intervention.place_released', to_address: a.email },
			{ kind: 'intervention.confirmation', to_address: b.email },
			{ kind: 'intervention.speakers_changed', to_address: 'claire.martin@college.example' }
		]);
		const released = await lastMail(dataDir, a.email, { db: database.db });
		expect(released).toContain('METHOD:CANCEL');
		expect(released).toContain(interventionUid(request.id, calendarHost()));
		expect(await lastMail(dataDir, 'claire.martin@college.example', { db: database.db })).toContain('Intervenantes : julie Intervenante');
		expect(await stateOf(database.db, request.id)).toBe('confirmed');
		expect(await countRows(database.db, `audit_events where action in ('release_place', 'promote_waitlisted')`)).toBe(2);
		// She may take a place again: the list is full, so she waits behind Sarah.
		expect(await takePlace(database.db, t.scope, a.actor, request.id, NOW)).toEqual({ status: 'waitlisted', already: false, confirmed: true });
	});

	it('the last speaker leaving a confirmed intervention, nobody waiting: no longer confirmed, the coordination and the school are told, a volunteer confirms it again', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const b = await roleModel(database.db, t.scope, 'julie');
		await database.db.insert(user).values({ id: 'coord', name: 'Coordinatrice', email: 'coordination@territoire.example' });
		await insertRole(database.db, { userId: 'coord', territoryId: t.scope.territoryId, role: 'coordinator' });
		const request = await intervention(database.db, t.scope, { state: 'confirmed', capacityMin: 1, capacityMax: 1, accepted: [a.profileId] });
		expect(await releasePlace(database.db, t.scope, a.actor, request.id, NOW)).toEqual({ released: true, promoted: null });
		expect(await stateOf(database.db, request.id)).toBe('proposed');
		const mails = await rows<{ kind: string; to_address: string }>(database.db, sql`select kind, to_address from mail_outbox order by id`);
		expect(mails).toEqual([
			{ kind: 'intervention.place_released', to_address: a.email },
			{ kind: 'intervention.speakers_short', to_address: 'coordination@territoire.example' },
			{ kind: 'intervention.reopened_requester', to_address: 'claire.martin@college.example' }
		]);
		expect(await lastMail(dataDir, 'coordination@territoire.example', { db: database.db })).toContain(`/demandes/${request.id}`);
		const [toSchool] = await rows<{ text_body: string }>(database.db, sql`select text_body from mail_outbox where kind = 'intervention.reopened_requester'`);
		expect(toSchool!.text_body).toContain('La coordination cherche quelqu’un pour la remplacer');
		expect(await countRows(database.db, `request_transitions where request_id = ${request.id} and to_state = 'proposed' and actor_kind = 'system'`)).toBe(1);
		// Still open to volunteers: the next one confirms it again, and everyone gets the invitation.
		expect((await listOpenInterventions(database.db, t.scope, NOW))[0]).toMatchObject({ placesLeft: 1, full: false });
		expect(await takePlace(database.db, t.scope, b.actor, request.id, NOW)).toEqual({ status: 'accepted', already: false, confirmed: true });
		expect(await stateOf(database.db, request.id)).toBe('confirmed');
	});

	it('leaving the waiting list frees nobody’s place; after the date nothing can be given back', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const b = await roleModel(database.db, t.scope, 'julie');
		const request = await intervention(database.db, t.scope, { state: 'confirmed', capacityMax: 1, accepted: [a.profileId] });
		await takePlace(database.db, t.scope, b.actor, request.id, NOW);
		expect(await releasePlace(database.db, t.scope, b.actor, request.id, NOW)).toEqual({ released: true, promoted: null });
		expect(await speakerStatus(database.db, request.id, a.profileId)).toBe('accepted');
		const after = new Date('2026-03-11T10:00:00Z');
		const error = await releasePlace(database.db, t.scope, a.actor, request.id, after).catch((e: unknown) => e);
		expect((error as ValidationError).fields._form?.key).toBe('open.refused.past');
		expect(await speakerStatus(database.db, request.id, a.profileId)).toBe('accepted');
	});
});

describe('before deactivating a role model', () => {
	it('the coordinator sees the interventions to come she accepted, and only those; nobody else sees them', async () => {
		const { database, t } = fresh();
		const a = await roleModel(database.db, t.scope, 'amina');
		const upcoming = await intervention(database.db, t.scope, { state: 'confirmed', accepted: [a.profileId], organisationName: 'Collège Jean Monnet' });
		await intervention(database.db, t.scope, { state: 'confirmed', day: '2026-02-10', accepted: [a.profileId] });
		await intervention(database.db, t.scope, { state: 'cancelled', accepted: [a.profileId] });
		expect(await upcomingCommitments(database.db, t.scope, coordinator, a.profileId, NOW)).toEqual([
			{ id: upcoming.id, organisationName: 'Collège Jean Monnet', startsAt: '2026-03-10T13:00:00.000Z', state: 'confirmed' }
		]);
		expect(await upcomingCommitments(database.db, t.scope, a.actor, a.profileId, NOW)).toEqual([]);
	});
});
