import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { adminActor } from '../../../../tests/support/actors';
import { defaultTerritory } from '../../../../tests/support/fixtures';
import { confirmedByThePlatform } from '../../../../tests/support/intervention-flow';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import type { Db } from '../db/client';
import { coordinatorMove, rescheduleRequest } from './interventions.usecases';

const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
const coordinator = adminActor('coordinatrice');
const NOW = new Date('2026-02-20T10:00:00Z');
const TERRITORY = 'Territoire d’industrie Flandre – Pays de Saint-Omer';

const previousFrom = process.env.MAIL_FROM;
process.env.MAIL_FROM = 'Mixité Industrie <coordination@mixite.example>';
afterAll(() => {
	if (previousFrom === undefined) delete process.env.MAIL_FROM;
	else process.env.MAIL_FROM = previousFrom;
});

async function invitations(db: Db, kind: string) {
	const { rows } = (await db.execute(
		sql`select to_address, attachments from mail_outbox where kind = ${`intervention.${kind}`} order by to_address`
	)) as unknown as { rows: { to_address: string; attachments: { content: string }[] | null }[] };
	return rows.map((m) => ({ to: m.to_address, ...read(m.attachments![0]!.content) }));
}

/** A calendar address, its scheme written in lower case (clients read MAILTO: and mailto: alike). */
const mailto = (v: unknown) => String(v).replace(/^mailto:/i, 'mailto:');

/** What a calendar client reads of the invitation: its method, the event's identity, organiser and attendees. */
function read(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	const event = calendar.getFirstSubcomponent('vevent')!;
	const organizer = event.getFirstProperty('organizer')!;
	return {
		method: String(calendar.getFirstPropertyValue('method')),
		uid: String(event.getFirstPropertyValue('uid')),
		sequence: Number(event.getFirstPropertyValue('sequence')),
		organizer: { cn: organizer.getParameter('cn'), address: mailto(organizer.getFirstValue()) },
		attendees: event.getAllProperties('attendee').map((a) => ({
			address: mailto(a.getFirstValue()),
			cn: a.getParameter('cn'),
			role: a.getParameter('role'),
			partstat: a.getParameter('partstat')
		}))
	};
}

const organizer = { cn: TERRITORY, address: 'mailto:coordination@mixite.example' };
const amina = { address: 'mailto:amina@arc.example', cn: 'Amina Benali', role: 'REQ-PARTICIPANT', partstat: 'ACCEPTED' };
const julie = { address: 'mailto:julie@arc.example', cn: 'Julie Durand', role: 'REQ-PARTICIPANT', partstat: 'ACCEPTED' };
const contact = { address: 'mailto:claire.martin@college.example', cn: 'Claire Martin', role: 'REQ-PARTICIPANT', partstat: 'NEEDS-ACTION' };

type Invitation = Awaited<ReturnType<typeof invitations>>[number];
const essentials = (i: Invitation) => [i.to, i.method, i.uid, i.sequence, i.organizer, i.attendees];
/** The same event sent to both role models and the contact, each copy naming its own reader. */
const toEveryone = (method: string, requestId: number, sequence: number) =>
	[
		['amina@arc.example', amina],
		['julie@arc.example', julie],
		['claire.martin@college.example', contact]
	].map(([to, attendee]) => [to, method, `intervention-${requestId}@localhost:3000`, sequence, organizer, [attendee]]);

describe('the calendar invitations attached to the e-mails name their organiser and their attendee', () => {
	it('the confirmation: organised by the territory’s coordination at the sender address; each role model invited as having accepted, the contact as to answer', async () => {
		const { database, t } = fresh();
		const { requestId } = await confirmedByThePlatform(database.db, t.scope, coordinator, NOW);
		const speakers = await invitations(database.db, 'confirmation');
		expect(speakers.map((s) => [s.to, s.method, s.sequence, s.organizer, s.attendees])).toEqual([
			['amina@arc.example', 'REQUEST', 0, organizer, [amina]],
			['julie@arc.example', 'REQUEST', 0, organizer, [julie]]
		]);
		const [school] = await invitations(database.db, 'confirmation_requester');
		expect(school).toMatchObject({ to: 'claire.martin@college.example', method: 'REQUEST', organizer, attendees: [contact] });
		expect(new Set([...speakers, school!].map((i) => i.uid))).toEqual(new Set([`intervention-${requestId}@localhost:3000`]));
	});

	it('a new date: the same UID, a higher SEQUENCE, the same organiser and attendees', async () => {
		const { database, t } = fresh();
		const { requestId } = await confirmedByThePlatform(database.db, t.scope, coordinator, NOW);
		await rescheduleRequest(database.db, t.scope, coordinator, requestId, { date: '2026-03-12', startTime: '14:00', endTime: '16:00', location: 'CDI' }, NOW);
		const updates = [...(await invitations(database.db, 'update')), ...(await invitations(database.db, 'update_requester'))];
		expect(updates.map(essentials)).toEqual(toEveryone('REQUEST', requestId, 1));
	});

	it('a cancellation: METHOD:CANCEL to the role models and to the contact, same UID, higher SEQUENCE, organiser and attendee', async () => {
		const { database, t } = fresh();
		const { requestId } = await confirmedByThePlatform(database.db, t.scope, coordinator, NOW);
		await coordinatorMove(database.db, t.scope, coordinator, requestId, 'cancel', { note: 'Grève' }, NOW);
		const cancellations = [...(await invitations(database.db, 'cancellation')), ...(await invitations(database.db, 'cancellation_requester'))];
		expect(cancellations.map(essentials)).toEqual(toEveryone('CANCEL', requestId, 1));
	});

	it('no invitation ever reveals another person’s address: a role model’s copy holds neither the contact’s nor the other role model’s', async () => {
		const { database, t } = fresh();
		await confirmedByThePlatform(database.db, t.scope, coordinator, NOW);
		const { rows } = (await database.db.execute(
			sql`select to_address, attachments::text as ics from mail_outbox where attachments is not null`
		)) as unknown as { rows: { to_address: string; ics: string }[] };
		const invited = rows.filter((m) => m.ics.includes('BEGIN:VCALENDAR'));
		expect(invited.length).toBe(3);
		for (const m of invited) {
			const others = ['amina@arc.example', 'julie@arc.example', 'claire.martin@college.example'].filter((a) => a !== m.to_address);
			for (const other of others) expect(m.ics, m.to_address).not.toContain(other);
		}
	});
});
