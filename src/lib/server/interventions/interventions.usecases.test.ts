import { startSmtpServer } from '../../../../tests/support/smtp';
import { outbox } from '../../../../tests/support/outbox';
import { createMailTransport } from '../outbox/outbox.transport';
import { deliverDue } from '../outbox/outbox.worker';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { countRows, defaultTerritory, storedParticipations, rows } from '../../../../tests/support/fixtures';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import type { Db } from '../db/client';
import { applyRetention } from '../privacy/privacy.usecases';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { TerritoryScope } from '../shared/scope';
import { MoveNeedsSpeakerError, MoveNotAllowedError } from './interventions.errors';
import { runInterventionJobs } from './interventions.jobs';
import { formStamp } from './interventions.tokens';
import { schoolForm } from '../../../../tests/support/intervention-forms';
import { confirmedByThePlatform, proposedToBoth, tokenIn, twoRoleModels } from '../../../../tests/support/intervention-flow';
import { answerByLink, submitReport, viewAnswerLink } from './interventions.answers';
import { RATE_LIMIT, submitRequest } from './interventions.public';
import { eraseEndedRequestContacts } from './interventions.schedule';
import { coordinatorMove, moveErrorToForm, proposeRequest, qualifyRequest, viewRequest } from './interventions.usecases';

const coordinator = adminActor('coordinatrice');
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));

const NOW = new Date('2026-02-20T10:00:00Z');

/** From the public form to a confirmed intervention, proposed to two role models who both accept by link. */
const confirmedIntervention = (db: Db, scope: TerritoryScope) => confirmedByThePlatform(db, scope, coordinator, NOW);

describe('the public request form', () => {
	it('a school’s request is recorded as submitted, with its history, audit event and an e-mail holding a private link', async () => {
		const { database, t } = fresh();
		const { requestId, followToken } = await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW });
		const [request] = await rows<{ state: string; follow_token_hash: string; level: string }>(
			database.db,
			sql`select * from intervention_requests where id = ${requestId}`
		);
		expect(request!.state).toBe('submitted');
		expect(request!.follow_token_hash).not.toContain(followToken);
		expect(await countRows(database.db, 'request_transitions')).toBe(1);
		expect(await countRows(database.db, `audit_events where entity_type = 'intervention_request'`)).toBe(1);
		const [mail] = await outbox(database.db);
		expect(mail!.to_address).toBe('claire.martin@college.example');
		expect(mail!.text_body).toContain(`/demande/${followToken}`);
	});

	it('a filled honeypot, a form sent in under three seconds and a forged stamp are refused in French, nothing recorded', async () => {
		const { database, t } = fresh();
		const attempts = [
			schoolForm(NOW, { website: 'http://spam.example' }),
			schoolForm(NOW, { stamp: formStamp(new Date(NOW.getTime() - 1_000)) }),
			schoolForm(NOW, { stamp: `${NOW.getTime() - 10_000}.forged` })
		];
		const keys = [];
		for (const raw of attempts) {
			const error = await submitRequest(database.db, t.scope, raw, { ip: '203.0.113.7', now: NOW }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ValidationError);
			keys.push((error as ValidationError).fields._form?.key);
		}
		expect(keys).toEqual(['interventions.spam', 'interventions.too_fast', 'interventions.form_expired']);
		expect(await countRows(database.db, 'intervention_requests')).toBe(0);
		expect(await countRows(database.db, 'mail_outbox')).toBe(0);
	});

	it('a sixth request within the hour from one address is refused; another address still may ask', async () => {
		const { database, t } = fresh();
		for (let i = 0; i < RATE_LIMIT.max; i++) await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW });
		const error = await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW }).catch((e: unknown) => e);
		expect((error as ValidationError).fields._form?.key).toBe('interventions.rate_limited');
		expect(await countRows(database.db, 'intervention_requests')).toBe(RATE_LIMIT.max);
		await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '198.51.100.1', now: NOW });
		expect(await countRows(database.db, 'intervention_requests')).toBe(RATE_LIMIT.max + 1);
		const ips = await rows<{ ip_hash: string }>(database.db, sql`select ip_hash from request_rate_limits`);
		expect(ips.some((r) => r.ip_hash.includes('203.0.113.7'))).toBe(false);
	});

	it('wrong fields get French messages next to them and nothing is recorded', async () => {
		const { database, t } = fresh();
		const error = await submitRequest(
			database.db,
			t.scope,
			schoolForm(NOW, { level: 'job_seekers', expectedSize: 'vingt', wishedTo: '2026-02-30', contactEmail: 'pas-une-adresse', kindCode: '' }),
			{ ip: '203.0.113.7', now: NOW }
		).catch((e: unknown) => e);
		const fields = Object.fromEntries(Object.entries((error as ValidationError).fields).map(([k, v]) => [k, v.key]));
		expect(fields).toMatchObject({
			level: 'validation.level_not_allowed',
			expectedSize: 'validation.integer',
			wishedTo: 'validation.date',
			contactEmail: 'validation.email',
			kindCode: 'validation.required'
		});
		expect(await countRows(database.db, 'intervention_requests')).toBe(0);
		expect(await countRows(database.db, 'request_rate_limits')).toBe(0);
	});
});

describe('the workflow table decides', () => {
	it('a move not allowed from the state is refused and changes nothing', async () => {
		const { database, t } = fresh();
		const { requestId } = await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW });
		await expect(coordinatorMove(database.db, t.scope, coordinator, requestId, 'confirm', {}, NOW)).rejects.toBeInstanceOf(MoveNotAllowedError);
		await expect(coordinatorMove(database.db, t.scope, coordinator, requestId, 'complete', {}, NOW)).rejects.toBeInstanceOf(MoveNotAllowedError);
		const [row] = await rows<{ state: string }>(database.db, sql`select state from intervention_requests where id = ${requestId}`);
		expect(row!.state).toBe('submitted');
		expect(await countRows(database.db, 'request_transitions')).toBe(1);
		await coordinatorMove(database.db, t.scope, coordinator, requestId, 'decline', { note: 'Hors territoire' }, NOW);
		const kinds = (await outbox(database.db)).map((m) => m.kind);
		expect(kinds).toEqual(['intervention.request_received', 'intervention.request_declined']);
	});
});

describe('the staffing rule of the workflow table', () => {
	it('« Confirmer » is neither offered nor accepted before a role model has accepted; once one has, the coordinator may confirm', async () => {
		const { database, t } = fresh();
		const { requestId } = await proposedToBoth(database.db, t.scope, coordinator, NOW);
		expect((await viewRequest(database.db, t.scope, coordinator, requestId, NOW)).moves).not.toContain('confirm');
		const refused = await coordinatorMove(database.db, t.scope, coordinator, requestId, 'confirm', {}, NOW).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(MoveNeedsSpeakerError);
		expect(moveErrorToForm(refused)).toMatchObject({ fields: { _form: { key: 'interventions.nobody_accepted' } } });
		expect(await countRows(database.db, `request_transitions where request_id = ${requestId} and to_state = 'confirmed'`)).toBe(0);
		// One of two accepts (the minimum is two): the coordinator may confirm with her.
		const proposal = (await outbox(database.db)).find((m) => m.kind === 'intervention.proposal')!;
		await answerByLink(database.db, tokenIn(proposal.text_body, 'reponse'), 'accept', NOW);
		expect((await viewRequest(database.db, t.scope, coordinator, requestId, NOW)).moves).toContain('confirm');
		await coordinatorMove(database.db, t.scope, coordinator, requestId, 'confirm', {}, NOW);
		const [row] = await rows<{ state: string }>(database.db, sql`select state from intervention_requests where id = ${requestId}`);
		expect(row!.state).toBe('confirmed');
	});
});

describe('who may move a request', () => {
	it('a partner, a funder or another territory’s coordinator cannot decline a request: the same 404 as an unknown one, nothing changed', async () => {
		const { database, t } = fresh();
		const { requestId } = await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW });
		const outsiders = [
			actorOf({ userId: 'partenaire', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: 1 }] }),
			actorOf({ userId: 'financeur', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'funder', organisationId: null }] }),
			actorOf({ userId: 'voisine', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId + 1, role: 'coordinator', organisationId: null }] })
		];
		for (const actor of outsiders) {
			await expect(coordinatorMove(database.db, t.scope, actor, requestId, 'decline', {}, NOW)).rejects.toBeInstanceOf(NotFoundError);
		}
		const [row] = await rows<{ state: string }>(database.db, sql`select state from intervention_requests where id = ${requestId}`);
		expect(row!.state).toBe('submitted');
		expect(await countRows(database.db, 'request_transitions')).toBe(1);
	});
});

describe('answers, confirmation and calendars', () => {
	it('an acceptance beyond the maximum puts her on the waiting list, and the request stays confirmed with one speaker', async () => {
		const { database, t } = fresh();
		const { networkId, profiles } = await twoRoleModels(database.db, t.scope);
		const { requestId } = await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW });
		await qualifyRequest(
			database.db,
			t.scope,
			coordinator,
			requestId,
			{ networkId: String(networkId), date: '2026-03-10', startTime: '09:00', endTime: '11:00', location: 'Salle 12', capacityMin: '1', capacityMax: '1' },
			NOW
		);
		await proposeRequest(database.db, t.scope, coordinator, requestId, { profileIds: profiles.map((p) => String(p.id)) }, NOW);
		const proposals = (await outbox(database.db)).filter((m) => m.kind === 'intervention.proposal');
		expect(await answerByLink(database.db, tokenIn(proposals[0]!.text_body, 'reponse'), 'accept', NOW)).toBe('confirmed');
		expect(await answerByLink(database.db, tokenIn(proposals[1]!.text_body, 'reponse'), 'accept', NOW)).toBe('waitlisted');
		const speakers = await rows<{ status: string }>(database.db, sql`select status from intervention_speakers order by id`);
		expect(speakers.map((x) => x.status)).toEqual(['accepted', 'waitlisted']);
		const [row] = await rows<{ state: string }>(database.db, sql`select state from intervention_requests where id = ${requestId}`);
		expect(row!.state).toBe('confirmed');
		expect((await outbox(database.db)).filter((m) => m.kind === 'intervention.confirmation')).toHaveLength(1);
	});

	it('both role models accept by link: the intervention is confirmed and each gets an invitation in Europe/Paris', async () => {
		const { database, t } = fresh();
		const { requestId } = await confirmedIntervention(database.db, t.scope);
		const [row] = await rows<{ state: string }>(database.db, sql`select state from intervention_requests where id = ${requestId}`);
		expect(row!.state).toBe('confirmed');
		const confirmations = (await outbox(database.db)).filter((m) => m.kind === 'intervention.confirmation');
		expect(confirmations.map((m) => m.to_address).sort()).toEqual(['amina@arc.example', 'julie@arc.example']);
		// The school learns who is coming.
		const toSchool = (await outbox(database.db)).find((m) => m.kind === 'intervention.confirmation_requester');
		expect(toSchool!.text_body).toMatch(/Intervenantes : .*Amina.*Julie|Intervenantes : .*Julie.*Amina/);
		const ics = confirmations[0]!.attachments[0]!.content;
		const calendar = new ICAL.Component(ICAL.parse(ics));
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		const event = calendar.getFirstSubcomponent('vevent')!;
		expect(event.getFirstPropertyValue('uid')).toBe(`intervention-${requestId}@localhost:3000`);
		expect(event.getFirstPropertyValue('sequence')).toBe(0);
		expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
		expect(String(event.getFirstPropertyValue('dtstart'))).toBe('2026-03-10T09:00:00');
	});

	it('an answer link is single-use and expires; a used or expired one says so, with her answer and where to find it, and changes nothing', async () => {
		const { database, t } = fresh();
		const { proposals } = await confirmedIntervention(database.db, t.scope);
		const token = tokenIn(proposals[0]!.text_body, 'reponse');
		expect(await viewAnswerLink(database.db, token, NOW)).toEqual({
			problem: 'used',
			intervention: null,
			myStatus: 'accepted',
			territorySlug: 'flandre-saint-omer'
		});
		await expect(answerByLink(database.db, token, 'decline', NOW)).rejects.toMatchObject({ problem: 'used' });
		const statuses = await rows<{ status: string }>(database.db, sql`select status from intervention_speakers order by id`);
		expect(statuses.map((s) => s.status)).toEqual(['accepted', 'accepted']);
		await database.db.execute(sql`update action_links set used_at = null`);
		const later = new Date(NOW.getTime() + 15 * 86_400_000);
		expect((await viewAnswerLink(database.db, token, later)).problem).toBe('expired');
		expect(await viewAnswerLink(database.db, 'not-a-real-token-at-all', NOW)).toEqual({
			problem: 'unknown',
			intervention: null,
			myStatus: null,
			territorySlug: null
		});
	});

	it('cancelling a confirmed intervention sends METHOD:CANCEL with the same UID and a higher SEQUENCE', async () => {
		const { database, t } = fresh();
		const { requestId } = await confirmedIntervention(database.db, t.scope);
		await coordinatorMove(database.db, t.scope, coordinator, requestId, 'cancel', { note: 'Grève' }, NOW);
		const cancellation = (await outbox(database.db)).find((m) => m.kind === 'intervention.cancellation')!;
		const calendar = new ICAL.Component(ICAL.parse(cancellation.attachments[0]!.content));
		expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
		const event = calendar.getFirstSubcomponent('vevent')!;
		expect(event.getFirstPropertyValue('uid')).toBe(`intervention-${requestId}@localhost:3000`);
		expect(event.getFirstPropertyValue('sequence')).toBe(1);
	});
});

describe('scheduled work and reports', () => {
	it('every message of the journey reaches a real SMTP server: the reminders with their invitation too', async () => {
		const { database, t } = fresh();
		await confirmedIntervention(database.db, t.scope);
		await runInterventionJobs(database.db, new Date('2026-03-09T10:00:00Z'));
		const smtp = await startSmtpServer();
		const transport = createMailTransport(smtp.url);
		try {
			const result = await deliverDue(database.db, transport, { now: new Date(), limit: 100 });
			const failures = await rows<{ kind: string; last_error: string }>(database.db, sql`select kind, last_error from mail_outbox where status <> 'sent'`);
			expect(failures).toEqual([]);
			expect(result.sent).toBe((await outbox(database.db)).length);
			expect(smtp.messages.filter((m) => /^Rappel/.test(m.subject ?? ''))).toHaveLength(3);
		} finally {
			transport.close();
			await smtp.stop();
		}
	});

	it('jobs run twice send each reminder once, complete the intervention the day after and ask for reports', async () => {
		const { database, t } = fresh();
		const { requestId } = await confirmedIntervention(database.db, t.scope);
		const weekBefore = new Date('2026-03-04T08:00:00Z');
		const dayBefore = new Date('2026-03-09T10:00:00Z');
		const dayAfter = new Date('2026-03-11T08:00:00Z');
		for (const at of [weekBefore, weekBefore, dayBefore, dayBefore, dayAfter, dayAfter]) await runInterventionJobs(database.db, at);
		const kinds = (await outbox(database.db)).map((m) => m.kind);
		expect(kinds.filter((k) => k === 'intervention.reminder_7d')).toHaveLength(3);
		expect(kinds.filter((k) => k === 'intervention.reminder_1d')).toHaveLength(3);
		expect(kinds.filter((k) => k === 'intervention.report_ask')).toHaveLength(3);
		const [row] = await rows<{ state: string }>(database.db, sql`select state from intervention_requests where id = ${requestId}`);
		expect(row!.state).toBe('done');
	});

	it('the first report creates one done activity and the indicator rises by exactly 28 under the network’s initiative; a different second report is flagged, not added', async () => {
		const { database, t } = fresh();
		const { requestId, initiativeId } = await confirmedIntervention(database.db, t.scope);
		await runInterventionJobs(database.db, new Date('2026-03-11T08:00:00Z'));
		const asks = (await outbox(database.db)).filter((m) => m.kind === 'intervention.report_ask');
		const school = tokenIn(asks.find((m) => m.to_address === 'claire.martin@college.example')!.text_body, 'compte-rendu');
		const speaker = tokenIn(asks.find((m) => m.to_address === 'amina@arc.example')!.text_body, 'compte-rendu');
		const before = await storedParticipations(database.db, t.scope.territoryId);
		const reportedAt = new Date('2026-03-12T08:00:00Z');
		const first = await submitReport(database.db, school, { 'aud.girls.college': '15', 'aud.boys.college': '13', satisfaction: '5', comment: '' }, reportedAt);
		expect(first.outcome).toBe('applied');
		expect((await storedParticipations(database.db, t.scope.territoryId)) - before).toBe(28);
		const activities = await rows<{ id: number; status: string; initiative_id: number; type: string; date: string }>(
			database.db,
			sql`select id, status, initiative_id, type, date::text from activities where source = 'intervention'`
		);
		expect(activities).toEqual([{ id: first.activityId, status: 'done', initiative_id: initiativeId, type: 'school_visit', date: '2026-03-10' }]);
		const second = await submitReport(database.db, speaker, { 'aud.girls.college': '12', 'aud.boys.college': '13', satisfaction: '4' }, reportedAt);
		expect(second.outcome).toBe('conflicting');
		expect((await storedParticipations(database.db, t.scope.territoryId)) - before).toBe(28);
		expect(await countRows(database.db, `activities where source = 'intervention'`)).toBe(1);
		const [row] = await rows<{ state: string; activity_id: number }>(
			database.db,
			sql`select state, activity_id from intervention_requests where id = ${requestId}`
		);
		expect(row).toEqual({ state: 'reported', activity_id: first.activityId });
	});

	it('a report with a level the audience cannot have is refused next to its cell, nothing counted', async () => {
		const { database, t } = fresh();
		await confirmedIntervention(database.db, t.scope);
		await runInterventionJobs(database.db, new Date('2026-03-11T08:00:00Z'));
		const ask = (await outbox(database.db)).find((m) => m.kind === 'intervention.report_ask')!;
		const error = await submitReport(database.db, tokenIn(ask.text_body, 'compte-rendu'), { 'aud.teachers.college': '3', satisfaction: '9' }).catch(
			(e: unknown) => e
		);
		const fields = Object.fromEntries(Object.entries((error as ValidationError).fields).map(([k, v]) => [k, v.key]));
		expect(fields).toMatchObject({ 'aud.teachers.college': 'validation.level_not_allowed', satisfaction: 'interventions.validation.satisfaction' });
		expect(await countRows(database.db, 'intervention_reports')).toBe(0);
	});
});

describe('retention', () => {
	it('mixite retention erases the contact of requests ended more than 12 months ago, and only those', async () => {
		const { database, t } = fresh();
		const old = await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW });
		const recent = await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW });
		const open = await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW });
		await coordinatorMove(database.db, t.scope, coordinator, old.requestId, 'decline', {}, NOW);
		await coordinatorMove(database.db, t.scope, coordinator, recent.requestId, 'decline', {}, new Date('2026-12-01T10:00:00Z'));
		const report = await applyRetention(database.db, new Date('2027-03-01T10:00:00Z'));
		expect(report.find((line) => line.rule.startsWith('Demandes d’intervention'))?.rows).toBe(1);
		expect(await eraseEndedRequestContacts(database.db, new Date('2027-03-01T10:00:00Z'))).toBe(0);
		const left = await rows<{ id: number; contact_email: string | null; contact_phone: string | null }>(
			database.db,
			sql`select id, contact_email, contact_phone from intervention_requests order by id`
		);
		expect(left.map((r) => [r.id, r.contact_email === null, r.contact_phone === null])).toEqual([
			[old.requestId, true, true],
			[recent.requestId, false, false],
			[open.requestId, false, false]
		]);
	});
});
