/** Role models' answers (signed link or account), their interventions, and the reports that become activities. */
import * as repo from './interventions.repository';
import { createActivity } from '../activities/activities.usecases';
import { activityFormToInput } from '../activities/activities.schemas';
import { mapAudienceErrors } from '../activities/activities.form';
import { recordAudit } from '../audit/audit.repository';
import { type Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import { todayInParis } from '../shared/paris-time';
import { type Actor, type TerritoryScope } from '../shared/scope';
import { findTerritoryById } from '../territories/territories.repository';
import { ActionLinkError, RequestNotFoundError } from './interventions.errors';
import { noteSchema, reportSchema, type ReportInput } from './interventions.schemas';
import { hashToken } from './interventions.tokens';
import { sendKind } from './interventions.mail';
import { applyMove, linkSummary, orProblem, parseWith, REPORT_ACTOR, requesterBy, roleModelBy, systemBy, type MoveBy } from './interventions.workflow';

/* ------------------------------------------------------------------ answers of role models */

/**
 * What her answer did: `confirmed` (her yes confirmed the intervention, or joined a confirmed one:
 * her invitation is sent), `accepted` (waiting for other speakers), `waitlisted`, `declined`.
 */
export type AnswerOutcome = 'accepted' | 'confirmed' | 'waitlisted' | 'declined';

/** Accepting or declining, from the link or from her account: one rule. */
async function answer(
	tx: Db,
	scope: TerritoryScope,
	request: repo.RequestRow,
	profileId: number,
	decision: 'accept' | 'decline',
	by: MoveBy,
	now: Date,
	reason: string | null = null
): Promise<AnswerOutcome> {
	const speakers = await repo.listSpeakers(tx, scope, request.id);
	const me = speakers.find((s) => s.profileId === profileId);
	if (!me || me.status !== 'proposed' || !['proposed', 'confirmed'].includes(request.state)) throw new ActionLinkError('closed');
	const accepted = speakers.filter((s) => s.status === 'accepted').length;
	const status = decision === 'decline' ? 'declined' : accepted >= request.capacityMax ? 'waitlisted' : 'accepted';
	await repo.setSpeakerStatus(tx, scope, request.id, profileId, status, now);
	await repo.closeAnswerLinks(tx, scope, request.id, profileId, now);
	await recordAudit(tx, scope, by.actor, {
		action: `answer_${decision}`,
		entityType: 'intervention_request',
		entityId: request.id,
		before: { profileId, status: 'proposed' },
		after: decision === 'decline' && reason ? { profileId, status, reason } : { profileId, status }
	});
	if (status === 'accepted' && request.state === 'proposed' && accepted + 1 >= request.capacityMin) {
		await applyMove(tx, scope, request, 'confirm', systemBy(), { now, note: null });
		return 'confirmed';
	} else if (status === 'accepted' && request.state === 'confirmed') {
		// Joining a confirmed intervention: her own invitation.
		await sendKind(tx, scope, request, 'confirmation', [{ email: me.email, profileId }], null, now);
		return 'confirmed';
	}
	return status;
}

async function openLink(tx: Db, token: string, purpose: 'answer' | 'report', now: Date, forUpdate: boolean) {
	if (typeof token !== 'string' || token.length < 10 || token.length > 100) throw new ActionLinkError('unknown');
	const link = await repo.findLinkByHash(tx, hashToken(token), { forUpdate });
	if (!link || link.purpose !== purpose) throw new ActionLinkError('unknown');
	if (link.usedAt) throw new ActionLinkError('used');
	if (link.expiresAt.getTime() <= now.getTime()) throw new ActionLinkError('expired');
	const scope = { territoryId: link.territoryId };
	const request = await repo.findRequest(tx, scope, 'all', link.requestId, { forUpdate });
	if (!request) throw new ActionLinkError('unknown');
	return { link, scope, request };
}

/** The answer page: the intervention, or why the link cannot be used (never a 500). */
export async function viewAnswerLink(db: Db, token: string, now = new Date()) {
	try {
		const { scope, request, link } = await openLink(db, token, 'answer', now, false);
		const speakers = await repo.listSpeakers(db, scope, request.id);
		if (speakers.find((s) => s.profileId === link.profileId)?.status !== 'proposed' || !['proposed', 'confirmed'].includes(request.state)) {
			return { problem: 'closed' as const, intervention: null };
		}
		return { problem: null, intervention: await linkSummary(db, scope, request) };
	} catch (e) {
		if (e instanceof ActionLinkError) return { problem: e.problem, intervention: null, ...(await answeredBefore(db, token)) };
		throw e;
	}
}

/**
 * What a link already used (or closed, or expired) can still tell her: her answer as it stands and
 * where to find the intervention in her account. Nothing for a link that names nothing.
 */
async function answeredBefore(db: Db, token: string) {
	const link = token.length >= 10 && token.length <= 100 ? await repo.findLinkByHash(db, hashToken(token), { forUpdate: false }) : null;
	if (!link || link.purpose !== 'answer') return { myStatus: null, territorySlug: null };
	const scope = { territoryId: link.territoryId };
	const mine = (await repo.listSpeakers(db, scope, link.requestId)).find((s) => s.profileId === link.profileId);
	return { myStatus: mine?.status ?? null, territorySlug: (await findTerritoryById(db, scope.territoryId))?.slug ?? null };
}

/** Accepts or declines through the signed link: single-use, expiring, no password. */
export async function answerByLink(db: Db, token: string, decision: string, now = new Date(), rawReason: unknown = null): Promise<AnswerOutcome> {
	if (decision !== 'accept' && decision !== 'decline') throw new ValidationError({ decision: { key: 'validation.enum' } });
	const reason = parseWith(noteSchema, { note: rawReason }).note;
	return db.transaction(async (tx) => {
		const { link, scope, request } = await openLink(tx, token, 'answer', now, true);
		await repo.markLinkUsed(tx, link.id, now);
		return answer(tx, scope, request, link.profileId!, decision, roleModelBy(link.profileId!), now, reason);
	});
}

/** The same answer from her account ("Mes interventions"). */
export async function answerAsRoleModel(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	requestId: number,
	decision: string,
	now = new Date(),
	rawReason: unknown = null
) {
	if (decision !== 'accept' && decision !== 'decline') throw new ValidationError({ decision: { key: 'validation.enum' } });
	const reason = parseWith(noteSchema, { note: rawReason }).note;
	return db.transaction(async (tx) => {
		const profile = await repo.findProfileOfUser(tx, scope, actor.userId);
		const request = profile ? await repo.findRequest(tx, scope, 'all', requestId, { forUpdate: true }) : null;
		if (!profile || !request) throw new RequestNotFoundError();
		try {
			return await answer(tx, scope, request, profile.id, decision, roleModelBy(profile.id, actor.userId), now, reason);
		} catch (e) {
			if (e instanceof ActionLinkError) throw new RequestNotFoundError();
			throw e;
		}
	});
}

/**
 * A role model's interventions: to answer, accepted and waiting (for other speakers or on the
 * waiting list), upcoming (with the contact's name and phone), done (her report, from her account).
 */
export async function myInterventions(db: Db, scope: TerritoryScope, actor: Actor, now = new Date()) {
	const profile = await repo.findProfileOfUser(db, scope, actor.userId);
	if (!profile) return { profile: null, toAnswer: [], waiting: [], upcoming: [], past: [] };
	const rows = await repo.listRequestsOfProfile(db, scope, profile.id);
	const items = await Promise.all(
		rows.map(async (r) => {
			const confirmed = r.speakerStatus === 'accepted' && r.request.state === 'confirmed';
			const reported = ['done', 'reported'].includes(r.request.state) && (await hasReported(db, scope, r.request.id, profile.id));
			return {
				...(await linkSummary(db, scope, r.request)),
				speakerStatus: r.speakerStatus,
				contact: confirmed && !r.request.personalDataErasedAt ? { name: r.request.contactName, phone: r.request.contactPhone } : null,
				reported
			};
		})
	);
	return {
		profile: { firstName: profile.firstName },
		toAnswer: items.filter((i) => i.speakerStatus === 'proposed' && ['proposed', 'confirmed'].includes(i.state)),
		waiting: items.filter(
			(i) => (i.speakerStatus === 'accepted' && i.state === 'proposed') || (i.speakerStatus === 'waitlisted' && ['proposed', 'confirmed'].includes(i.state))
		),
		upcoming: items.filter((i) => i.speakerStatus === 'accepted' && i.state === 'confirmed' && i.startsAt && new Date(i.startsAt) > now),
		past: items.filter((i) => i.speakerStatus === 'accepted' && ['done', 'reported'].includes(i.state))
	};
}

type Cells = readonly { audience: string; level: string; count: number }[];
function sameCounts(a: Cells, b: Cells): boolean {
	const key = (list: Cells) =>
		list
			.filter((c) => c.count > 0)
			.map((c) => `${c.audience}.${c.level}=${c.count}`)
			.sort()
			.join(',');
	return key(a) === key(b);
}

/* ------------------------------------------------------------------ reports */

export async function viewReportLink(db: Db, token: string, now = new Date()) {
	try {
		const { scope, request } = await openLink(db, token, 'report', now, false);
		if (!['done', 'reported'].includes(request.state)) return { problem: 'closed' as const, intervention: null };
		return { problem: null, intervention: await linkSummary(db, scope, request) };
	} catch (e) {
		if (e instanceof ActionLinkError) return { problem: e.problem, intervention: null };
		throw e;
	}
}

function parseReport(raw: Record<string, string>): ReportInput {
	const input = activityFormToInput(raw);
	const parsed = reportSchema.safeParse(input);
	if (!parsed.success) throw new ValidationError(mapAudienceErrors(toFieldErrors(parsed.error), input));
	return parsed.data;
}

/**
/** A report through its link: single-use, and a speaker reports once (by link or from her account). */
export async function submitReport(db: Db, token: string, raw: Record<string, string>, now = new Date()) {
	const input = parseReport(raw);
	return db.transaction(async (tx) => {
		const { link, scope, request } = await openLink(tx, token, 'report', now, true);
		if (!['done', 'reported'].includes(request.state)) throw new ActionLinkError('closed');
		if (link.profileId && (await hasReported(tx, scope, request.id, link.profileId))) throw new ActionLinkError('used');
		await repo.markLinkUsed(tx, link.id, now);
		const by = link.profileId ? roleModelBy(link.profileId) : requesterBy();
		return recordReport(tx, scope, request, by, link.profileId, input, now);
	});
}

async function hasReported(tx: Db, scope: TerritoryScope, requestId: number, profileId: number): Promise<boolean> {
	return (await repo.listReports(tx, scope, requestId)).some((r) => r.profileId === profileId);
}

/**
 * The same report from her account ("Mes interventions"), no e-mail needed: she must be an
 * accepted speaker of a done intervention and not have reported yet (else the same 404).
 */
export async function submitReportAsRoleModel(db: Db, scope: TerritoryScope, actor: Actor, requestId: number, raw: Record<string, string>, now = new Date()) {
	const input = parseReport(raw);
	return db.transaction(async (tx) => {
		const profile = await repo.findProfileOfUser(tx, scope, actor.userId);
		const request = profile ? await repo.findRequest(tx, scope, 'all', requestId, { forUpdate: true }) : null;
		if (!profile || !request || !['done', 'reported'].includes(request.state)) throw new RequestNotFoundError();
		const me = (await repo.listSpeakers(tx, scope, request.id)).find((s) => s.profileId === profile.id);
		if (me?.status !== 'accepted' || (await hasReported(tx, scope, request.id, profile.id))) throw new RequestNotFoundError();
		return recordReport(tx, scope, request, roleModelBy(profile.id, actor.userId), profile.id, input, now);
	});
}

/**
 * Records a report. The first creates the activity through the activities use case (the
 * indicator moves in the same transaction) and the request becomes `reported`; a later one with
 * the same counts is `agreeing`, a different one `conflicting`: kept for the coordinator, never added.
 */
async function recordReport(tx: Db, scope: TerritoryScope, request: repo.RequestRow, by: MoveBy, profileId: number | null, input: ReportInput, now: Date) {
	const base = {
		requestId: request.id,
		reporterKind: by.kind,
		profileId,
		counts: input.audiences,
		satisfaction: input.satisfaction,
		comment: input.comment
	};
	if (request.state === 'reported') {
		const applied = (await repo.listReports(tx, scope, request.id)).find((r) => r.outcome === 'applied');
		const outcome = applied && sameCounts(applied.counts, input.audiences) ? 'agreeing' : 'conflicting';
		const report = await repo.insertReport(tx, scope, { ...base, outcome });
		await recordAudit(tx, scope, by.actor, {
			action: 'report',
			entityType: 'intervention_request',
			entityId: request.id,
			after: { reportId: report.id, outcome }
		});
		return { outcome, activityId: request.activityId };
	}
	const network = request.networkId ? await repo.findNetwork(tx, scope, request.networkId) : null;
	const kind = await repo.findKind(tx, request.kindCode);
	if (!network?.initiativeId || !kind || !request.startsAt) throw new ValidationError({ _form: { key: 'interventions.report_no_initiative' } });
	if (todayInParis(request.startsAt) > todayInParis(now)) throw new ValidationError({ _form: { key: 'interventions.not_happened_yet' } });
	const activity = await createActivity(
		tx,
		scope,
		REPORT_ACTOR,
		{
			initiativeId: network.initiativeId,
			type: kind.activityType,
			title: `${kind.labelFr} — ${request.organisationName}`.slice(0, 200),
			date: todayInParis(request.startsAt),
			communeCode: request.communeCode,
			hostOrganisationId: request.organisationId,
			status: 'done',
			notes: null,
			audiences: input.audiences
		},
		{ source: 'intervention', today: todayInParis(now) }
	);
	await repo.insertReport(tx, scope, { ...base, outcome: 'applied' });
	await applyMove(tx, scope, request, 'report', by, { now, changes: { activityId: activity.id }, note: null });
	return { outcome: 'applied' as const, activityId: activity.id };
}

/** The answer page's post: the outcome, or why the link cannot be used (a French page, never a 500). */
export function answerFromLinkPage(db: Db, token: string, decision: string, now = new Date(), reason: unknown = null) {
	return orProblem(() => answerByLink(db, token, decision, now, reason));
}

/** The report page's post: the outcome, or why the link cannot be used; bad counts stay field errors. */
export function reportFromLinkPage(db: Db, token: string, raw: Record<string, string>, now = new Date()) {
	return orProblem(() => submitReport(db, token, raw, now));
}
