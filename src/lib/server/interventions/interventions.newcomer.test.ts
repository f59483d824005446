import { outbox } from '../../../../tests/support/outbox';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { countRows, defaultTerritory, rows } from '../../../../tests/support/fixtures';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import type { Db } from '../db/client';
import { user } from '../accounts/accounts.table';
import { roleModelAvailability, roleModelProfiles } from '../role-models/role-models.table';
import { eq } from 'drizzle-orm';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { TerritoryScope } from '../shared/scope';
import { MoveTooEarlyError } from './interventions.errors';
import { runInterventionJobs } from './interventions.jobs';
import { formStamp } from './interventions.tokens';
import { schoolForm } from '../../../../tests/support/intervention-forms';
import { confirmedByThePlatform, proposedToBoth, qualification, qualifiedRequest, tokenIn, twoRoleModels } from '../../../../tests/support/intervention-flow';
import { answerAsRoleModel, answerByLink, myInterventions, submitReport, submitReportAsRoleModel } from './interventions.answers';
import { submitRequest } from './interventions.public';
import { coordinatorMove, moveErrorToForm, proposeRequest, qualifyRequest, viewRequest } from './interventions.usecases';

const coordinator = adminActor('coordinatrice');
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));

const NOW = new Date('2026-02-20T10:00:00Z');

const confirmedIntervention = (db: Db, scope: TerritoryScope) => confirmedByThePlatform(db, scope, coordinator, NOW);

describe('what a new user found', () => {
	it('an intervention cannot be marked done before its day: refused in French, nothing changed, no report asked, and the page does not offer it', async () => {
		const { database, t } = fresh();
		const { requestId } = await confirmedIntervention(database.db, t.scope);
		const early = await coordinatorMove(database.db, t.scope, coordinator, requestId, 'complete', {}, NOW).catch((e: unknown) => e);
		expect(early).toBeInstanceOf(MoveTooEarlyError);
		expect((moveErrorToForm(early) as ValidationError).fields._form?.key).toBe('interventions.not_happened_yet');
		const [row] = await rows<{ state: string }>(database.db, sql`select state from intervention_requests where id = ${requestId}`);
		expect(row!.state).toBe('confirmed');
		expect((await outbox(database.db)).filter((m) => m.kind === 'intervention.report_ask')).toHaveLength(0);
		const page = await viewRequest(database.db, t.scope, coordinator, requestId, NOW);
		expect(page.moves).not.toContain('complete');
		expect(page.completeFrom).toBe('2026-03-10');
		const onTheDay = await viewRequest(database.db, t.scope, coordinator, requestId, new Date('2026-03-10T12:00:00Z'));
		expect(onTheDay.moves).toContain('complete');
		await coordinatorMove(database.db, t.scope, coordinator, requestId, 'complete', {}, new Date('2026-03-10T12:00:00Z'));
		const [after] = await rows<{ state: string }>(database.db, sql`select state from intervention_requests where id = ${requestId}`);
		expect(after!.state).toBe('done');
	});

	it('the public form refuses a wished period already over and a start in the past, next to each field; a wrong UAI check letter too', async () => {
		const { database, t } = fresh();
		const fieldsOf = async (overrides: Record<string, string>) => {
			const error = await submitRequest(database.db, t.scope, schoolForm(NOW, overrides), { ip: '203.0.113.7', now: NOW }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ValidationError);
			return Object.fromEntries(Object.entries((error as ValidationError).fields).map(([k, v]) => [k, v.key]));
		};
		expect(await fieldsOf({ wishedFrom: '2026-01-05', wishedTo: '2026-01-20' })).toEqual({
			wishedFrom: 'interventions.validation.from_past',
			wishedTo: 'interventions.validation.to_past'
		});
		expect(await fieldsOf({ wishedFrom: '2020-01-10', wishedTo: '2019-12-01' })).toEqual({
			wishedFrom: 'interventions.validation.from_past',
			wishedTo: 'validation.period_order'
		});
		expect(await fieldsOf({ uai: '0620108A' })).toEqual({ uai: 'validation.uai' });
		expect(await countRows(database.db, 'intervention_requests')).toBe(0);
		const { requestId } = await submitRequest(database.db, t.scope, schoolForm(NOW, { uai: '0620108f', wishedFrom: '2026-02-20' }), {
			ip: '203.0.113.7',
			now: NOW
		});
		expect(await countRows(database.db, 'intervention_requests')).toBe(1);
		// A school the directory does not know yet: its UAI, as typed, is kept for the coordinator.
		const page = await viewRequest(database.db, t.scope, coordinator, requestId, NOW);
		expect(page.organisation).toBeNull();
		expect(page.request.requesterUai).toBe('0620108F');
	});

	it('a form resent too fast with wrong fields shows the fields’ messages; the too-fast message only comes when the fields are right', async () => {
		const { database, t } = fresh();
		const quick = formStamp(new Date(NOW.getTime() - 1_000));
		const wrong = await submitRequest(database.db, t.scope, schoolForm(NOW, { stamp: quick, contactEmail: 'pas-une-adresse' }), {
			ip: '203.0.113.7',
			now: NOW
		}).catch((e: unknown) => e);
		expect(Object.keys((wrong as ValidationError).fields)).toEqual(['contactEmail']);
		const right = await submitRequest(database.db, t.scope, schoolForm(NOW, { stamp: quick }), { ip: '203.0.113.7', now: NOW }).catch((e: unknown) => e);
		expect((right as ValidationError).fields._form?.key).toBe('interventions.too_fast');
		expect(await countRows(database.db, 'intervention_requests')).toBe(0);
	});

	it('the coordinator cannot qualify nor reschedule to a date already passed: refused next to the date, nothing changed', async () => {
		const { database, t } = fresh();
		const { networkId } = await twoRoleModels(database.db, t.scope);
		const { requestId } = await submitRequest(database.db, t.scope, schoolForm(NOW), { ip: '203.0.113.7', now: NOW });
		const qualify = qualification(networkId, { date: '2020-01-06' });
		const error = await qualifyRequest(database.db, t.scope, coordinator, requestId, qualify, NOW).catch((e: unknown) => e);
		expect((error as ValidationError).fields.date?.key).toBe('interventions.validation.date_past');
		const [row] = await rows<{ state: string }>(database.db, sql`select state from intervention_requests where id = ${requestId}`);
		expect(row!.state).toBe('submitted');
	});

	it('a speaker signed in sees her accepted proposal waiting for others, the thank-you tells the truth, and she reports from her account without the e-mail', async () => {
		const { database, t } = fresh();
		const { requestId, profiles } = await proposedToBoth(database.db, t.scope, coordinator, NOW);
		const amina = profiles[0]!;
		await database.db.insert(user).values({ id: 'amina', name: 'Amina', email: 'amina@arc.example' });
		await database.db.update(roleModelProfiles).set({ userId: 'amina' }).where(eq(roleModelProfiles.id, amina.id));
		const her = actorOf({ userId: 'amina', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'role_model', organisationId: null }] });
		expect(await answerAsRoleModel(database.db, t.scope, her, requestId, 'accept', NOW)).toBe('accepted');
		const waiting = await myInterventions(database.db, t.scope, her, NOW);
		expect(waiting.waiting.map((i) => i.id)).toEqual([requestId]);
		const julieLink = tokenIn(
			(await outbox(database.db)).find((m) => m.kind === 'intervention.proposal' && m.to_address === 'julie@arc.example')!.text_body,
			'reponse'
		);
		expect(await answerByLink(database.db, julieLink, 'accept', NOW)).toBe('confirmed');
		const upcoming = await myInterventions(database.db, t.scope, her, NOW);
		expect(upcoming.upcoming[0]!.contact).toEqual({ name: 'Claire Martin', phone: '03 21 00 00 00' });
		const dayAfter = new Date('2026-03-11T08:00:00Z');
		await runInterventionJobs(database.db, dayAfter);
		expect((await myInterventions(database.db, t.scope, her, dayAfter)).past.map((i) => [i.id, i.reported])).toEqual([[requestId, false]]);
		const report = await submitReportAsRoleModel(database.db, t.scope, her, requestId, { 'aud.girls.college': '28', satisfaction: '5' }, dayAfter);
		expect(report.outcome).toBe('applied');
		expect(await countRows(database.db, `intervention_reports where profile_id = ${amina.id}`)).toBe(1);
		expect((await myInterventions(database.db, t.scope, her, dayAfter)).past[0]!.reported).toBe(true);
		await expect(
			submitReportAsRoleModel(database.db, t.scope, her, requestId, { 'aud.girls.college': '28', satisfaction: '5' }, dayAfter)
		).rejects.toBeInstanceOf(NotFoundError);
		const aminaReportLink = tokenIn(
			(await outbox(database.db)).find((m) => m.kind === 'intervention.report_ask' && m.to_address === 'amina@arc.example')!.text_body,
			'compte-rendu'
		);
		await expect(submitReport(database.db, aminaReportLink, { 'aud.girls.college': '28', satisfaction: '5' }, dayAfter)).rejects.toThrow();
		expect(await countRows(database.db, 'intervention_reports')).toBe(1);
	});

	it('a role model declines with a reason: the reason is kept for the coordination in the audit trail', async () => {
		const { database, t } = fresh();
		const { networkId, profiles } = await twoRoleModels(database.db, t.scope);
		const requestId = await qualifiedRequest(database.db, t.scope, coordinator, NOW, networkId);
		await proposeRequest(database.db, t.scope, coordinator, requestId, { profileIds: [String(profiles[0]!.id)] }, NOW);
		const link = tokenIn((await outbox(database.db)).find((m) => m.kind === 'intervention.proposal')!.text_body, 'reponse');
		expect(await answerByLink(database.db, link, 'decline', NOW, 'En congé ce jour-là')).toBe('declined');
		const [event] = await rows<{ after: { reason?: string; status: string } }>(
			database.db,
			sql`select after from audit_events where action = 'answer_decline'`
		);
		expect(event!.after).toMatchObject({ status: 'declined', reason: 'En congé ce jour-là' });
	});

	it('the suggested list marks who is away on the date and who was already asked, and counts as load only interventions that took place', async () => {
		const { database, t } = fresh();
		const { networkId, profiles } = await twoRoleModels(database.db, t.scope);
		const [amina, julie] = profiles as [(typeof profiles)[0], (typeof profiles)[0]];
		await database.db
			.insert(roleModelAvailability)
			.values({ territoryId: t.scope.territoryId, profileId: julie.id, kind: 'away', fromDate: '2026-03-01', toDate: '2026-03-31' });
		const oneSpeaker = { capacityMin: '1', capacityMax: '1' };
		const first = await qualifiedRequest(database.db, t.scope, coordinator, NOW, networkId, { qualify: oneSpeaker });
		await proposeRequest(database.db, t.scope, coordinator, first, { profileIds: [String(amina.id)] }, NOW);
		await answerByLink(database.db, tokenIn((await outbox(database.db)).find((m) => m.kind === 'intervention.proposal')!.text_body, 'reponse'), 'accept', NOW);
		const page = await viewRequest(database.db, t.scope, coordinator, first, NOW);
		expect(page.ranked.map((r) => [r.firstName, r.asked, r.away])).toEqual([
			['Amina', 'accepted', false],
			['Julie', null, true]
		]);
		const second = await qualifiedRequest(database.db, t.scope, coordinator, NOW, networkId, {
			form: { organisationName: 'Lycée Malraux' },
			qualify: { ...oneSpeaker, date: '2026-04-14' }
		});
		const load = (await viewRequest(database.db, t.scope, coordinator, second, NOW)).ranked
			.find((r) => r.firstName === 'Amina')!
			.reasons.find((r) => r.key === 'matching.reason.load');
		expect(load?.params).toEqual({ count: 0 });
	});
});
