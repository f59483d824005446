import { calendarHost } from '../calendar/calendar.usecases';
import { TZDate } from '@date-fns/tz';
import { REQUEST_WORKFLOW, mayMove, movesFrom, type RequestActor, type RequestMoveName } from '../../domain/request-workflow';
import { LEVELS, AUDIENCES } from '../../domain/reference';
import { fr } from '../../i18n/fr';
import type { MessageKey } from '../../i18n/fr';
import { can, type Principal } from '../accounts/permissions';
import { createActivity } from '../activities/activities.usecases';
import { activityFormToInput, todayInParis } from '../activities/activities.schemas';
import { mapAudienceErrors } from '../activities/activities.form';
import { recordAudit } from '../audit/audit.repository';
import { buildCalendar, interventionUid } from '../calendar/ics';
import { config } from '../config';
import type { Db } from '../db/client';
import { enqueueMail } from '../outbox/outbox.repository';
import { listAllInitiativeOrganisations } from '../plan/plan.repository';
import { rankRoleModels } from '../role-models/matching';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import { SYSTEM_ACTOR, type Actor, type TerritoryScope } from '../shared/scope';
import { findCommune, findTerritoryById, listCommunes } from '../territories/territories.repository';
import { ActionLinkError, MoveNotAllowedError, RequestNotFoundError, type LinkProblem } from './interventions.errors';
import { interventionReach, mayManageRequests, type AccessMode } from './interventions.policy';
import * as repo from './interventions.repository';
import {
	noteSchema,
	proposeSchema,
	qualifySchema,
	reportSchema,
	requestInputSchema,
	rescheduleSchema,
	type ReportInput,
	type RequestInput
} from './interventions.schemas';
import { TEMPLATES, type MailContext } from './interventions.templates';
import { formStamp, hashIp, hashToken, newLinkToken, stampAgeSeconds } from './interventions.tokens';

const DAY = 86_400_000;
/** A proposal's answer link is valid this long; a report link longer. */
export const ANSWER_LINK_DAYS = 14;
export const REPORT_LINK_DAYS = 60;
/** The public form: submissions per IP and window, and the least time a person takes to fill it. */
export const RATE_LIMIT = { max: 5, windowMs: 3_600_000 } as const;
export const MIN_FILL_SECONDS = 3;
/** The honeypot: a field people do not see and robots fill. */
export const HONEYPOT_FIELD = 'website';
export const STAMP_FIELD = 'stamp';
const TIMEZONE = 'Europe/Paris';

/** Who makes a move, and the actor the audit trail names. */
export interface MoveBy {
	kind: RequestActor;
	actor: Actor;
}

const NOBODY: Principal = { userId: 'anonymous', platformAdmin: false, roles: [] };
const requesterBy = (): MoveBy => ({ kind: 'requester', actor: { userId: 'requester', label: 'demandeuse (lien privé)', principal: NOBODY } });
const roleModelBy = (profileId: number, userId?: string): MoveBy => ({
	kind: 'role_model',
	actor: { userId: userId ?? `role_model:${profileId}`, label: 'intervenante', principal: NOBODY }
});
const systemBy = (): MoveBy => ({ kind: 'system', actor: SYSTEM_ACTOR });
/** The accounting is written by the platform on behalf of whoever reported. */
const REPORT_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'compte rendu d’intervention' };

function baseUrl(): string {
	return config().baseURL.replace(/\/$/, '');
}

/* ------------------------------------------------------------------ dates */

/** A day and a time in Paris → the instant. */
export function parisInstant(date: string, time: string): Date {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const [hh, mm] = time.split(':').map(Number) as [number, number];
	return new Date(new TZDate(y, m - 1, d, hh, mm, TIMEZONE).getTime());
}

/** The Paris day (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function parisParts(at: Date): { date: string; time: string } {
	const date = todayInParis(at);
	const time = new Intl.DateTimeFormat('fr-FR', { timeZone: TIMEZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
	return { date, time };
}

function frenchWhen(startsAt: Date | null, endsAt: Date | null): string | null {
	if (!startsAt) return null;
	const day = new Intl.DateTimeFormat('fr-FR', { timeZone: TIMEZONE, dateStyle: 'full' }).format(startsAt);
	return `${day}, ${parisParts(startsAt).time}${endsAt ? ` – ${parisParts(endsAt).time}` : ''}`;
}

const frDate = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** Adds working days (Monday to Friday) to an instant. */
export function addWorkingDays(from: Date, days: number): Date {
	const at = new Date(from);
	let left = days;
	while (left > 0) {
		at.setUTCDate(at.getUTCDate() + 1);
		const weekday = at.getUTCDay();
		if (weekday !== 0 && weekday !== 6) left--;
	}
	return at;
}

/* ------------------------------------------------------------------ snapshots and mails */

/** What the audit trail keeps of a request: never the contact's e-mail, phone or link. */
function snapshot(row: repo.RequestRow) {
	const { contactEmail, contactPhone, followTokenHash, createdAt, updatedAt, ...rest } = row;
	void contactEmail;
	void contactPhone;
	void followTokenHash;
	void createdAt;
	void updatedAt;
	return rest;
}

const audienceLabel = (request: Pick<repo.RequestRow, 'audience' | 'level' | 'groups' | 'expectedSize'>) =>
	`${fr[`audience.${request.audience}` as MessageKey] ?? request.audience}, ${fr[`level.${request.level}` as MessageKey] ?? request.level}${request.groups ? ` (${request.groups})` : ''}, environ ${request.expectedSize}`;

async function mailContext(db: Db, scope: TerritoryScope, request: repo.RequestRow): Promise<MailContext> {
	const [kind, territory] = [await repo.findKind(db, request.kindCode), await findTerritoryById(db, scope.territoryId)];
	return {
		what: kind?.labelFr ?? request.kindCode,
		organisationName: request.organisationName,
		territoryName: territory?.name ?? '',
		when: frenchWhen(request.startsAt, request.endsAt),
		location: request.location,
		audience: audienceLabel(request),
		wished: `du ${frDate(request.wishedFrom)} au ${frDate(request.wishedTo)}`
	};
}

/** The intervention's calendar document: an invitation (REQUEST) or a cancellation (CANCEL). */
function calendarOf(request: repo.RequestRow, context: MailContext, method: 'REQUEST' | 'CANCEL'): string {
	const host = calendarHost();
	return buildCalendar({
		name: 'Mixité Industrie',
		method,
		events: [
			{
				uid: interventionUid(request.id, host),
				sequence: request.icalSequence,
				start: request.startsAt!,
				end: request.endsAt ?? new Date(request.startsAt!.getTime() + 2 * 3_600_000),
				summary: `${context.what} — ${context.organisationName}`,
				description: `Public : ${context.audience}`,
				location: request.location ?? undefined,
				cancelled: method === 'CANCEL'
			}
		]
	});
}

const ICS_KINDS: Record<string, 'REQUEST' | 'CANCEL'> = {
	confirmation: 'REQUEST',
	confirmation_requester: 'REQUEST',
	update: 'REQUEST',
	update_requester: 'REQUEST',
	cancellation: 'CANCEL',
	reminder_7d: 'REQUEST',
	reminder_1d: 'REQUEST'
};

interface Recipient {
	email: string;
	profileId: number | null;
}

/** Sends one message kind to recipients, each with her own link when the kind needs one. */
async function sendKind(tx: Db, scope: TerritoryScope, request: repo.RequestRow, kind: string, recipients: Recipient[], note: string | null, now: Date) {
	const template = TEMPLATES[kind];
	if (!template) throw new Error(`no template for ${kind}`);
	const context = { ...(await mailContext(tx, scope, request)), note };
	const territory = await findTerritoryById(tx, scope.territoryId);
	for (const recipient of recipients) {
		const c: MailContext = { ...context };
		if (kind === 'proposal') {
			const { token, hash } = newLinkToken();
			await repo.insertLink(tx, scope, {
				tokenHash: hash,
				purpose: 'answer',
				requestId: request.id,
				profileId: recipient.profileId,
				expiresAt: new Date(now.getTime() + ANSWER_LINK_DAYS * DAY)
			});
			c.link = `${baseUrl()}/reponse/${token}`;
			c.declineLink = `${baseUrl()}/reponse/${token}?choix=decliner`;
		} else if (kind === 'report_ask') {
			const { token, hash } = newLinkToken();
			await repo.insertLink(tx, scope, {
				tokenHash: hash,
				purpose: 'report',
				requestId: request.id,
				profileId: recipient.profileId,
				expiresAt: new Date(now.getTime() + REPORT_LINK_DAYS * DAY)
			});
			c.link = `${baseUrl()}/compte-rendu/${token}`;
		} else if (kind === 'report_received' || kind === 'stale') {
			c.link = `${baseUrl()}/t/${territory?.slug}/demandes/${request.id}`;
		}
		const content = template(c);
		const method = ICS_KINDS[kind];
		await enqueueMail(tx, {
			territoryId: scope.territoryId,
			kind: `intervention.${kind}`,
			to: recipient.email,
			subject: content.subject,
			text: content.text,
			attachments:
				method && request.startsAt
					? [{ filename: 'intervention.ics', contentType: 'text/calendar', content: calendarOf(request, context, method), method }]
					: undefined
		});
	}
}

async function recipientsOf(tx: Db, scope: TerritoryScope, request: repo.RequestRow, to: string, proposed: number[]): Promise<Recipient[]> {
	if (to === 'requester') return request.contactEmail ? [{ email: request.contactEmail, profileId: null }] : [];
	if (to === 'coordinators') return (await repo.coordinatorEmails(tx, scope)).map((email) => ({ email, profileId: null }));
	if (to === 'speakers')
		return (await repo.listSpeakers(tx, scope, request.id)).filter((s) => s.status === 'accepted').map((s) => ({ email: s.email, profileId: s.profileId }));
	if (to === 'proposed') return (await repo.listProfiles(tx, scope, proposed)).map((p) => ({ email: p.email, profileId: p.id }));
	return [];
}

/**
 * Every move of a request goes through here: the workflow table says whether it is allowed (else
 * refused, nothing changed) and which messages it sends; the request, its transition, the audit
 * event and the e-mails are written in the caller's transaction.
 */
async function applyMove(
	tx: Db,
	scope: TerritoryScope,
	request: repo.RequestRow,
	move: RequestMoveName,
	by: MoveBy,
	options: { changes?: Partial<repo.RequestRow>; note?: string | null; proposed?: number[]; now?: Date } = {}
) {
	if (!mayMove(move, request.state, by.kind)) throw new MoveNotAllowedError(move, request.state);
	const now = options.now ?? new Date();
	const definition = REQUEST_WORKFLOW[move];
	const updated = await repo.updateRequestRow(tx, scope, request.id, {
		...options.changes,
		state: definition.to,
		stateChangedAt: definition.to === request.state ? request.stateChangedAt : now
	});
	await repo.insertTransition(tx, scope, {
		requestId: request.id,
		fromState: request.state,
		toState: definition.to,
		actorKind: by.kind,
		actorUserId: by.actor.userId,
		note: options.note ?? null
	});
	await recordAudit(tx, scope, by.actor, {
		action: move,
		entityType: 'intervention_request',
		entityId: request.id,
		before: snapshot(request),
		after: snapshot(updated)
	});
	for (const send of definition.sends) {
		const recipients = await recipientsOf(tx, scope, updated, send.to, options.proposed ?? []);
		await sendKind(tx, scope, updated, send.kind, recipients, options.note ?? null, now);
	}
	return updated;
}

/* ------------------------------------------------------------------ public form */

/** The choices of the public form: kinds of intervention (both labels) and the territory's communes. */
export async function requestFormOptions(db: Db, scope: TerritoryScope, now = new Date()) {
	const collator = new Intl.Collator('fr');
	const [kinds, communes] = [await repo.listKinds(db), await listCommunes(db, scope)];
	return {
		kinds: kinds.map((k) => ({ code: k.code, labelFr: k.labelFr, labelEn: k.labelEn })),
		communes: communes.map((c) => ({ code: c.codeInsee, name: c.name })).sort((a, b) => collator.compare(a.name, b.name)),
		audiences: AUDIENCES.map((a) => ({ code: a.code, levels: [...a.levels] })),
		levels: [...LEVELS],
		stamp: formStamp(now)
	};
}

function parseWith<T>(schema: { safeParse(raw: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, raw: unknown): T {
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	return parsed.data;
}

async function checkRequestReferences(db: Db, scope: TerritoryScope, input: RequestInput) {
	const errors: Record<string, { key: MessageKey }> = {};
	const kind = await repo.findKind(db, input.kindCode);
	if (!kind || kind.retired) errors.kindCode = { key: 'validation.enum' };
	if (!(await findCommune(db, scope, input.communeCode))) errors.communeCode = { key: 'validation.commune_outside' };
	if (Object.keys(errors).length) throw new ValidationError(errors);
}

/**
 * A request from the public form (no account). Robots are turned away first (honeypot, a form sent
 * too fast, too many from one address); then the request, its first transition, the audit event
 * and the requester's e-mail with her private link are written in one transaction.
 */
export async function submitRequest(db: Db, scope: TerritoryScope, raw: Record<string, string>, context: { ip: string; now?: Date }) {
	const now = context.now ?? new Date();
	if ((raw[HONEYPOT_FIELD] ?? '').trim() !== '') throw new ValidationError({ _form: { key: 'interventions.spam' } });
	const age = stampAgeSeconds(raw[STAMP_FIELD], now);
	if (age === null || age > 86_400) throw new ValidationError({ _form: { key: 'interventions.form_expired' } });
	if (age < MIN_FILL_SECONDS) throw new ValidationError({ _form: { key: 'interventions.too_fast' } });
	const input = parseWith(requestInputSchema, raw);
	await checkRequestReferences(db, scope, input);
	return db.transaction(async (tx) => {
		if (!(await repo.takeRateLimit(tx, hashIp(context.ip), now, RATE_LIMIT.max, RATE_LIMIT.windowMs))) {
			throw new ValidationError({ _form: { key: 'interventions.rate_limited' } });
		}
		const { token, hash } = newLinkToken();
		const organisationId =
			input.requesterKind === 'school' || input.uai
				? await repo.matchOrganisation(tx, scope, input.uai, input.organisationName)
				: await repo.matchOrganisation(tx, scope, null, input.organisationName);
		const row = await repo.insertRequest(tx, scope, {
			followTokenHash: hash,
			requesterKind: input.requesterKind,
			organisationId,
			organisationName: input.organisationName,
			kindCode: input.kindCode,
			audience: input.audience,
			level: input.level,
			groups: input.groups,
			schoolYear: input.schoolYear,
			expectedSize: input.expectedSize,
			wishedFrom: input.wishedFrom,
			wishedTo: input.wishedTo,
			communeCode: input.communeCode,
			contactName: input.contactName,
			contactEmail: input.contactEmail,
			contactPhone: input.contactPhone,
			message: input.message,
			state: 'submitted',
			stateChangedAt: now
		});
		const by = requesterBy();
		await repo.insertTransition(tx, scope, { requestId: row.id, fromState: null, toState: 'submitted', actorKind: 'requester', actorUserId: null });
		await recordAudit(tx, scope, by.actor, { action: 'submit', entityType: 'intervention_request', entityId: row.id, after: snapshot(row) });
		const content = TEMPLATES.request_received!({ ...(await mailContext(tx, scope, row)), link: `${baseUrl()}/demande/${token}` });
		await enqueueMail(tx, {
			territoryId: scope.territoryId,
			kind: 'intervention.request_received',
			to: input.contactEmail,
			subject: content.subject,
			text: content.text
		});
		return { requestId: row.id, followToken: token };
	});
}

/* ------------------------------------------------------------------ coordinator */

async function reachOf(db: Db, scope: TerritoryScope, actor: Actor, mode: AccessMode) {
	if (actor.principal.platformAdmin) return 'all' as const;
	return interventionReach(actor.principal, scope.territoryId, mode, await listAllInitiativeOrganisations(db, scope));
}

async function lockForCoordinator(tx: Db, scope: TerritoryScope, actor: Actor, id: number) {
	const reach = await reachOf(tx, scope, actor, 'write');
	if (!mayManageRequests(reach)) throw new RequestNotFoundError();
	const request = await repo.findRequest(tx, scope, reach, id, { forUpdate: true });
	if (!request) throw new RequestNotFoundError();
	return request;
}

const coordinatorBy = (actor: Actor): MoveBy => ({ kind: 'coordinator', actor });

/** The coordinator qualifies a submitted request: network, date and times in Paris, place, capacity. */
export async function qualifyRequest(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown, now = new Date()) {
	const input = parseWith(qualifySchema, raw);
	return db.transaction(async (tx) => {
		const request = await lockForCoordinator(tx, scope, actor, id);
		if (!(await repo.findNetwork(tx, scope, input.networkId))) throw new ValidationError({ networkId: { key: 'validation.enum' } });
		return applyMove(tx, scope, request, 'qualify', coordinatorBy(actor), {
			now,
			changes: {
				networkId: input.networkId,
				startsAt: parisInstant(input.date, input.startTime),
				endsAt: parisInstant(input.date, input.endTime),
				location: input.location,
				capacityMin: input.capacityMin,
				capacityMax: input.capacityMax,
				openToVolunteers: input.openToVolunteers
			}
		});
	});
}

/** Proposes the request to role models of the territory: each gets her signed answer link. */
export async function proposeRequest(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown, now = new Date()) {
	const input = parseWith(proposeSchema, raw);
	return db.transaction(async (tx) => {
		const request = await lockForCoordinator(tx, scope, actor, id);
		if (!mayMove('propose', request.state, 'coordinator')) throw new MoveNotAllowedError('propose', request.state);
		const profiles = await repo.listProfiles(tx, scope, [...new Set(input.profileIds)]);
		if (profiles.length !== new Set(input.profileIds).size) throw new ValidationError({ profileIds: { key: 'interventions.validation.pick_role_model' } });
		const speakers = await repo.listSpeakers(tx, scope, id);
		const already = new Set(speakers.filter((s) => s.status === 'accepted' || s.status === 'proposed').map((s) => s.profileId));
		const fresh = profiles.map((p) => p.id).filter((p) => !already.has(p));
		for (const profileId of fresh) await repo.upsertProposedSpeaker(tx, scope, id, profileId);
		return applyMove(tx, scope, request, 'propose', coordinatorBy(actor), { now, proposed: fresh });
	});
}

/** A move with an optional note (decline, cancel, confirm, complete) made by the coordinator. */
export async function coordinatorMove(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	id: number,
	move: 'decline' | 'cancel' | 'confirm' | 'complete',
	raw: unknown,
	now = new Date()
) {
	const { note } = parseWith(noteSchema, raw ?? {});
	return db.transaction(async (tx) => {
		const request = await lockForCoordinator(tx, scope, actor, id);
		return moveWithCalendar(tx, scope, request, move, coordinatorBy(actor), note, now);
	});
}

/** A cancellation of a confirmed intervention reaches calendars with a higher SEQUENCE. */
async function moveWithCalendar(tx: Db, scope: TerritoryScope, request: repo.RequestRow, move: RequestMoveName, by: MoveBy, note: string | null, now: Date) {
	const changes = move === 'cancel' && request.state === 'confirmed' ? { icalSequence: request.icalSequence + 1 } : {};
	return applyMove(tx, scope, request, move, by, { changes, note, now });
}

/** A new date or place once confirmed: the same event (UID) with SEQUENCE + 1 for every calendar. */
export async function rescheduleRequest(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown, now = new Date()) {
	const input = parseWith(rescheduleSchema, raw);
	return db.transaction(async (tx) => {
		const request = await lockForCoordinator(tx, scope, actor, id);
		return applyMove(tx, scope, request, 'reschedule', coordinatorBy(actor), {
			now,
			changes: {
				startsAt: parisInstant(input.date, input.startTime),
				endsAt: parisInstant(input.date, input.endTime),
				location: input.location,
				icalSequence: request.icalSequence + 1
			}
		});
	});
}

/** Counts per state for the board, the flagged ones first, with their age in days. */
export async function requestBoard(db: Db, scope: TerritoryScope, actor: Actor, now = new Date()) {
	const reach = await reachOf(db, scope, actor, 'read');
	const rows = await repo.listRequests(db, scope, reach);
	const stale = await repo.listNoticeKinds(
		db,
		scope,
		rows.filter((r) => r.state === 'submitted').map((r) => r.id),
		'stale'
	);
	const kinds = new Map((await repo.listKinds(db)).map((k) => [k.code, k]));
	const items = rows.map((r) => ({
		id: r.id,
		state: r.state,
		organisationName: r.organisationName,
		kindFr: kinds.get(r.kindCode)?.labelFr ?? r.kindCode,
		kindEn: kinds.get(r.kindCode)?.labelEn ?? r.kindCode,
		startsAt: r.startsAt?.toISOString() ?? null,
		wishedFrom: r.wishedFrom,
		wishedTo: r.wishedTo,
		ageDays: Math.max(0, Math.floor((now.getTime() - r.stateChangedAt.getTime()) / DAY)),
		flagged: stale.has(r.id)
	}));
	const states = ['submitted', 'qualified', 'proposed', 'confirmed', 'done', 'reported', 'declined', 'cancelled', 'expired'];
	return {
		canManage: mayManageRequests(await reachOf(db, scope, actor, 'write')),
		columns: states.map((state) => {
			const list = items.filter((i) => i.state === state).sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.ageDays - a.ageDays);
			return { state, count: list.length, items: list };
		})
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

/** The request page: details, history, speakers, reports, the moves open, and ranked role models. */
export async function viewRequest(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	const reach = await reachOf(db, scope, actor, 'read');
	const request = await repo.findRequest(db, scope, reach, id);
	if (!request) throw new RequestNotFoundError();
	const canManage = mayManageRequests(await reachOf(db, scope, actor, 'write'));
	const [kind, transitions, speakers, reports, networks] = [
		await repo.findKind(db, request.kindCode),
		await repo.listTransitions(db, scope, id),
		await repo.listSpeakers(db, scope, id),
		await repo.listReports(db, scope, id),
		await repo.listNetworks(db, scope)
	];
	const communes = await listCommunes(db, scope);
	const ranked =
		canManage && ['qualified', 'proposed', 'confirmed'].includes(request.state)
			? await rankRoleModels(db, scope, {
					networkId: request.networkId,
					startsAt: request.startsAt,
					endsAt: request.endsAt,
					wishedFrom: request.wishedFrom,
					wishedTo: request.wishedTo,
					audience: request.audience,
					level: request.level,
					communeCode: request.communeCode
				})
			: [];
	const applied = reports.find((r) => r.outcome === 'applied');
	const start = request.startsAt ? parisParts(request.startsAt) : null;
	return {
		request: {
			...snapshot(request),
			contactEmail: canManage ? request.contactEmail : null,
			contactPhone: canManage ? request.contactPhone : null,
			startsAt: request.startsAt?.toISOString() ?? null,
			endsAt: request.endsAt?.toISOString() ?? null,
			stateChangedAt: request.stateChangedAt.toISOString(),
			personalDataErasedAt: request.personalDataErasedAt?.toISOString() ?? null
		},
		kind: kind ? { code: kind.code, labelFr: kind.labelFr, labelEn: kind.labelEn } : null,
		commune: communes.find((c) => c.codeInsee === request.communeCode)?.name ?? request.communeCode,
		network: networks.find((n) => n.id === request.networkId)?.name ?? null,
		networks: networks.map((n) => ({ id: n.id, name: n.name })),
		history: transitions.map((t) => ({ from: t.fromState, to: t.toState, by: t.actorKind, note: t.note, at: t.createdAt.toISOString() })),
		speakers: speakers.map((s) => ({
			profileId: s.profileId,
			name: `${s.firstName} ${s.lastName}`,
			status: s.status,
			answeredAt: s.answeredAt?.toISOString() ?? null
		})),
		reports: reports.map((r) => ({
			id: r.id,
			reporterKind: r.reporterKind,
			counts: r.counts,
			total: r.counts.reduce((sum, c) => sum + c.count, 0),
			satisfaction: r.satisfaction,
			comment: r.comment,
			outcome: r.outcome,
			at: r.createdAt.toISOString()
		})),
		conflicting: reports.some((r) => r.outcome === 'conflicting') && !!applied,
		moves: canManage ? movesFrom(request.state, 'coordinator') : [],
		ranked: ranked.map((r) => ({ ...r, proposed: speakers.some((s) => s.profileId === r.profileId && (s.status === 'proposed' || s.status === 'accepted')) })),
		qualifyValues: {
			networkId: request.networkId ? String(request.networkId) : '',
			date: start?.date ?? request.wishedFrom,
			startTime: start?.time ?? '09:00',
			endTime: request.endsAt ? parisParts(request.endsAt).time : '11:00',
			location: request.location ?? '',
			capacityMin: String(request.capacityMin),
			capacityMax: String(request.capacityMax),
			openToVolunteers: request.openToVolunteers ? 'on' : ''
		},
		canManage,
		canReadAudit: can(actor.principal, 'audit.read', scope.territoryId)
	};
}

/* ------------------------------------------------------------------ answers of role models */

/** Accepting or declining, from the link or from her account: one rule. */
async function answer(tx: Db, scope: TerritoryScope, request: repo.RequestRow, profileId: number, decision: 'accept' | 'decline', by: MoveBy, now: Date) {
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
		after: { profileId, status }
	});
	if (status === 'accepted' && request.state === 'proposed' && accepted + 1 >= request.capacityMin) {
		await applyMove(tx, scope, request, 'confirm', systemBy(), { now, note: null });
	} else if (status === 'accepted' && request.state === 'confirmed') {
		// Joining a confirmed intervention: her own invitation.
		await sendKind(tx, scope, request, 'confirmation', [{ email: me.email, profileId }], null, now);
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

/** What an answer or report link shows: the intervention (what, where, when, for whom), never the contact. */
async function linkSummary(db: Db, scope: TerritoryScope, request: repo.RequestRow) {
	const kind = await repo.findKind(db, request.kindCode);
	const commune = (await findCommune(db, scope, request.communeCode))?.name ?? request.communeCode;
	return {
		id: request.id,
		kindFr: kind?.labelFr ?? request.kindCode,
		kindEn: kind?.labelEn ?? request.kindCode,
		organisationName: request.organisationName,
		commune,
		location: request.location,
		startsAt: request.startsAt?.toISOString() ?? null,
		endsAt: request.endsAt?.toISOString() ?? null,
		audience: request.audience,
		level: request.level,
		groups: request.groups,
		expectedSize: request.expectedSize,
		state: request.state
	};
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
		if (e instanceof ActionLinkError) return { problem: e.problem, intervention: null };
		throw e;
	}
}

/** Accepts or declines through the signed link: single-use, expiring, no password. */
export async function answerByLink(db: Db, token: string, decision: string, now = new Date()) {
	if (decision !== 'accept' && decision !== 'decline') throw new ValidationError({ decision: { key: 'validation.enum' } });
	return db.transaction(async (tx) => {
		const { link, scope, request } = await openLink(tx, token, 'answer', now, true);
		await repo.markLinkUsed(tx, link.id, now);
		return answer(tx, scope, request, link.profileId!, decision, roleModelBy(link.profileId!), now);
	});
}

/** The same answer from her account ("Mes interventions"). */
export async function answerAsRoleModel(db: Db, scope: TerritoryScope, actor: Actor, requestId: number, decision: string, now = new Date()) {
	if (decision !== 'accept' && decision !== 'decline') throw new ValidationError({ decision: { key: 'validation.enum' } });
	return db.transaction(async (tx) => {
		const profile = await repo.findProfileOfUser(tx, scope, actor.userId);
		const request = profile ? await repo.findRequest(tx, scope, 'all', requestId, { forUpdate: true }) : null;
		if (!profile || !request) throw new RequestNotFoundError();
		try {
			return await answer(tx, scope, request, profile.id, decision, roleModelBy(profile.id, actor.userId), now);
		} catch (e) {
			if (e instanceof ActionLinkError) throw new RequestNotFoundError();
			throw e;
		}
	});
}

/** A role model's interventions: to answer, upcoming, to report. */
export async function myInterventions(db: Db, scope: TerritoryScope, actor: Actor, now = new Date()) {
	const profile = await repo.findProfileOfUser(db, scope, actor.userId);
	if (!profile) return { profile: null, toAnswer: [], upcoming: [], past: [] };
	const rows = await repo.listRequestsOfProfile(db, scope, profile.id);
	const items = await Promise.all(rows.map(async (r) => ({ ...(await linkSummary(db, scope, r.request)), speakerStatus: r.speakerStatus })));
	return {
		profile: { firstName: profile.firstName },
		toAnswer: items.filter((i) => i.speakerStatus === 'proposed' && ['proposed', 'confirmed'].includes(i.state)),
		upcoming: items.filter((i) => i.speakerStatus === 'accepted' && i.state === 'confirmed' && i.startsAt && new Date(i.startsAt) > now),
		past: items.filter((i) => i.speakerStatus === 'accepted' && ['done', 'reported'].includes(i.state))
	};
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
 * A report through its link. The first creates the activity through the activities use case (the
 * indicator moves in the same transaction) and the request becomes `reported`; a later one with
 * the same counts is `agreeing`, a different one `conflicting`: kept for the coordinator, never added.
 */
export async function submitReport(db: Db, token: string, raw: Record<string, string>, now = new Date()) {
	const input = parseReport(raw);
	return db.transaction(async (tx) => {
		const { link, scope, request } = await openLink(tx, token, 'report', now, true);
		if (!['done', 'reported'].includes(request.state)) throw new ActionLinkError('closed');
		await repo.markLinkUsed(tx, link.id, now);
		const by = link.profileId ? roleModelBy(link.profileId) : requesterBy();
		const base = {
			requestId: request.id,
			reporterKind: by.kind,
			profileId: link.profileId,
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
		const report = await repo.insertReport(tx, scope, { ...base, outcome: 'applied' });
		await applyMove(tx, scope, request, 'report', by, { now, changes: { activityId: activity.id }, note: null });
		void report;
		return { outcome: 'applied' as const, activityId: activity.id };
	});
}

/* ------------------------------------------------------------------ the requester's private link */

async function openFollow(db: Db, token: string, forUpdate = false) {
	if (typeof token !== 'string' || token.length < 10 || token.length > 100) throw new RequestNotFoundError();
	const found = await repo.findRequestByFollowHash(db, hashToken(token));
	if (!found) throw new RequestNotFoundError();
	const scope = { territoryId: found.territoryId };
	const request = forUpdate ? await repo.findRequest(db, scope, 'all', found.id, { forUpdate: true }) : found;
	return { scope, request: request! };
}

/** The requester's follow page: her request, its state and what she may still do. */
export async function viewFollow(db: Db, token: string) {
	const { scope, request } = await openFollow(db, token);
	const territory = await findTerritoryById(db, scope.territoryId);
	return {
		territory: territory ? { slug: territory.slug, name: territory.name } : null,
		intervention: await linkSummary(db, scope, request),
		wishedFrom: request.wishedFrom,
		wishedTo: request.wishedTo,
		contactName: request.contactName,
		editable: ['submitted', 'qualified'].includes(request.state),
		canCancel: mayMove('cancel', request.state, 'requester'),
		values: {
			groups: request.groups ?? '',
			expectedSize: String(request.expectedSize),
			wishedFrom: request.wishedFrom,
			wishedTo: request.wishedTo,
			contactPhone: request.contactPhone ?? '',
			message: request.message ?? ''
		}
	};
}

/** The requester edits what may still change while the request is submitted or qualified. */
export async function updateByRequester(db: Db, token: string, raw: Record<string, string>) {
	return db.transaction(async (tx) => {
		const { scope, request } = await openFollow(tx, token, true);
		if (!['submitted', 'qualified'].includes(request.state)) throw new MoveNotAllowedError('edit', request.state);
		const merged = {
			requesterKind: request.requesterKind,
			organisationName: request.organisationName,
			kindCode: request.kindCode,
			audience: request.audience,
			level: request.level,
			schoolYear: request.schoolYear ?? '',
			communeCode: request.communeCode,
			contactName: request.contactName,
			contactEmail: request.contactEmail ?? '',
			groups: raw.groups ?? '',
			expectedSize: raw.expectedSize ?? '',
			wishedFrom: raw.wishedFrom ?? '',
			wishedTo: raw.wishedTo ?? '',
			contactPhone: raw.contactPhone ?? '',
			message: raw.message ?? ''
		};
		const input = parseWith(requestInputSchema, merged);
		const updated = await repo.updateRequestRow(tx, scope, request.id, {
			groups: input.groups,
			expectedSize: input.expectedSize,
			wishedFrom: input.wishedFrom,
			wishedTo: input.wishedTo,
			contactPhone: input.contactPhone,
			message: input.message
		});
		await recordAudit(tx, scope, requesterBy().actor, {
			action: 'update',
			entityType: 'intervention_request',
			entityId: request.id,
			before: snapshot(request),
			after: snapshot(updated)
		});
		return updated;
	});
}

/** The requester cancels from her private link. */
export async function cancelByRequester(db: Db, token: string, raw: unknown, now = new Date()) {
	const { note } = parseWith(noteSchema, raw ?? {});
	return db.transaction(async (tx) => {
		const { scope, request } = await openFollow(tx, token, true);
		return moveWithCalendar(tx, scope, request, 'cancel', requesterBy(), note, now);
	});
}

/* ------------------------------------------------------------------ scheduled work */

/** Runs a move of the system on one request in its own transaction (locked, state re-checked). */
async function systemMove(db: Db, scope: TerritoryScope, id: number, move: RequestMoveName, now: Date): Promise<boolean> {
	return db.transaction(async (tx) => {
		const request = await repo.findRequest(tx, scope, 'all', id, { forUpdate: true });
		if (!request || !mayMove(move, request.state, 'system')) return false;
		await applyMove(tx, scope, request, move, systemBy(), { now });
		return true;
	});
}

/** Sends a scheduled message once: the notice row and the e-mails commit together. */
async function noticeOnce(db: Db, request: repo.RequestRow, kind: string, to: ('requester' | 'speakers' | 'coordinators')[], now: Date): Promise<boolean> {
	const scope = { territoryId: request.territoryId };
	return db.transaction(async (tx) => {
		if (!(await repo.claimNotice(tx, scope, request.id, kind))) return false;
		for (const recipient of to) await sendKind(tx, scope, request, kind, await recipientsOf(tx, scope, request, recipient, []), null, now);
		return true;
	});
}

/**
 * The interventions' scheduled work, idempotent (run it twice: nothing is sent twice): reminders 7
 * days and 1 day before, requests left submitted for 5 working days flagged to the coordinators,
 * the `complete` move the day after (report links sent), `expire` when the wished period ended.
 */
export async function runInterventionSchedule(db: Db, now = new Date()): Promise<Record<string, number>> {
	const counts = { reminders: 0, flagged: 0, completed: 0, expired: 0 };
	const today = todayInParis(now);
	for (const request of await repo.listRequestsInStates(db, ['confirmed'])) {
		if (!request.startsAt) continue;
		const scope = { territoryId: request.territoryId };
		const until = request.startsAt.getTime() - now.getTime();
		if (todayInParis(request.endsAt ?? request.startsAt) < today) {
			if (await systemMove(db, scope, request.id, 'complete', now)) counts.completed++;
			continue;
		}
		if (until <= 0) continue;
		if (until <= DAY) {
			if (await noticeOnce(db, request, 'reminder_1d', ['speakers', 'requester'], now)) counts.reminders++;
		} else if (until <= 7 * DAY) {
			if (await noticeOnce(db, request, 'reminder_7d', ['speakers', 'requester'], now)) counts.reminders++;
		}
	}
	for (const request of await repo.listRequestsInStates(db, ['submitted', 'qualified', 'proposed'])) {
		const scope = { territoryId: request.territoryId };
		if (request.wishedTo < today) {
			if (await systemMove(db, scope, request.id, 'expire', now)) counts.expired++;
			continue;
		}
		if (request.state === 'submitted' && addWorkingDays(request.stateChangedAt, 5).getTime() <= now.getTime()) {
			if (await noticeOnce(db, request, 'stale', ['coordinators'], now)) counts.flagged++;
		}
	}
	return counts;
}

/* ------------------------------------------------------------------ retention */

/** The contact's e-mail and phone of requests ended more than 12 months ago are erased. */
export async function eraseEndedRequestContacts(db: Db, now = new Date()): Promise<number> {
	return repo.eraseEndedContacts(db, now);
}

/* ------------------------------------------------------------------ what pages call */

/** A refused move becomes the form's French message, never a 500. */
export function moveErrorToForm(e: unknown): unknown {
	if (e instanceof MoveNotAllowedError) return new ValidationError({ _form: { key: 'interventions.move_not_allowed' } });
	return e;
}

async function orProblem<T>(work: () => Promise<T>): Promise<{ problem: LinkProblem; result: null } | { problem: null; result: T }> {
	try {
		return { problem: null, result: await work() };
	} catch (e) {
		if (e instanceof ActionLinkError) return { problem: e.problem, result: null };
		if (e instanceof RequestNotFoundError) return { problem: 'unknown', result: null };
		if (e instanceof MoveNotAllowedError) return { problem: 'closed', result: null };
		throw e;
	}
}

/** The answer page's post: the outcome, or why the link cannot be used (a French page, never a 500). */
export function answerFromLinkPage(db: Db, token: string, decision: string, now = new Date()) {
	return orProblem(() => answerByLink(db, token, decision, now));
}

/** The report page's post: the outcome, or why the link cannot be used; bad counts stay field errors. */
export function reportFromLinkPage(db: Db, token: string, raw: Record<string, string>, now = new Date()) {
	return orProblem(() => submitReport(db, token, raw, now));
}

/** The requester's follow page, or 'unknown' for a link that names nothing. */
export function followPage(db: Db, token: string) {
	return orProblem(() => viewFollow(db, token));
}

export function followUpdate(db: Db, token: string, raw: Record<string, string>) {
	return orProblem(() => updateByRequester(db, token, raw));
}

export function followCancel(db: Db, token: string, raw: unknown, now = new Date()) {
	return orProblem(() => cancelByRequester(db, token, raw, now));
}
