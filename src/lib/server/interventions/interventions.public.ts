/** Requests without an account: the public form (anti-spam without third parties) and the requester's private link. */
import * as repo from './interventions.repository';
import { mayMove } from '../../domain/request-workflow';
import { AUDIENCES, LEVELS } from '../../domain/reference';
import type { MessageKey } from '../../i18n/fr';
import { recordAudit } from '../audit/audit.repository';
import { type Db } from '../db/client';
import { enqueueMail } from '../outbox/outbox.repository';
import { ValidationError } from '../shared/errors';
import { todayInParis } from '../shared/paris-time';
import { type Actor, type TerritoryScope } from '../shared/scope';
import { findCommune, findTerritoryById, listCommunes } from '../territories/territories.repository';
import { MoveNotAllowedError, RequestNotFoundError } from './interventions.errors';
import { noteSchema, requestInputSchemaOn, type RequestInput } from './interventions.schemas';
import { TEMPLATES } from './interventions.templates';
import { formStamp, hashIp, hashToken, newLinkToken, stampAgeSeconds } from './interventions.tokens';
import { baseUrl, mailContext } from './interventions.mail';
import { findOwnRequest } from './interventions.requester';
import { linkSummary, moveWithCalendar, orProblem, parseWith, requesterBy, snapshot } from './interventions.workflow';

/** The public form: submissions per IP and window, and the least time a person takes to fill it. */
export const RATE_LIMIT = { max: 5, windowMs: 3_600_000 } as const;
export const MIN_FILL_SECONDS = 3;
/** The honeypot: a field people do not see and robots fill. */
export const HONEYPOT_FIELD = 'website';
export const STAMP_FIELD = 'stamp';

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
	// The fields first: their messages are never hidden by the anti-robot check.
	const input = parseWith(requestInputSchemaOn(todayInParis(now)), raw);
	await checkRequestReferences(db, scope, input);
	if (age < MIN_FILL_SECONDS) throw new ValidationError({ _form: { key: 'interventions.too_fast' } });
	return db.transaction(async (tx) => {
		if (!(await repo.takeRateLimit(tx, hashIp(context.ip), now, RATE_LIMIT.max, RATE_LIMIT.windowMs))) {
			throw new ValidationError({ _form: { key: 'interventions.rate_limited' } });
		}
		const { token, hash } = newLinkToken();
		const organisationId = await repo.matchOrganisation(tx, scope, input.uai, input.organisationName);
		const row = await repo.insertRequest(tx, scope, {
			followTokenHash: hash,
			requesterKind: input.requesterKind,
			organisationId,
			organisationName: input.organisationName,
			requesterUai: input.uai,
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

/* ------------------------------------------------------------------ the requester's private link */

/** How the requester reaches her request: her private link (its token), or her account (one of her own requests). */
export type FollowKey = string | { scope: TerritoryScope; actor: Actor; id: number };

async function openFollow(db: Db, key: FollowKey, forUpdate = false) {
	let found: repo.RequestRow | null | undefined;
	if (typeof key === 'string') {
		if (key.length < 10 || key.length > 100) throw new RequestNotFoundError();
		found = await repo.findRequestByFollowHash(db, hashToken(key));
	} else {
		found = await findOwnRequest(db, key.scope, key.actor, key.id);
	}
	if (!found) throw new RequestNotFoundError();
	const scope = { territoryId: found.territoryId };
	const request = forUpdate ? await repo.findRequest(db, scope, 'all', found.id, { forUpdate: true }) : found;
	return { scope, request: request! };
}

/** The requester's follow page: her request, its state and what she may still do. */
export async function viewFollow(db: Db, key: FollowKey) {
	const { scope, request } = await openFollow(db, key);
	const territory = await findTerritoryById(db, scope.territoryId);
	return {
		territory: territory ? { slug: territory.slug, name: territory.name } : null,
		intervention: await linkSummary(db, scope, request),
		wishedFrom: request.wishedFrom,
		wishedTo: request.wishedTo,
		contactName: request.contactName,
		editable: ['submitted', 'qualified'].includes(request.state),
		canCancel: mayMove('cancel', request.state, 'requester'),
		/** Done: the day her report link was sent by e-mail (the link itself is never shown again). */
		reportAskedOn: request.state === 'done' ? todayInParis(request.stateChangedAt) : null,
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
export async function updateByRequester(db: Db, key: FollowKey, raw: Record<string, string>, now = new Date()) {
	return db.transaction(async (tx) => {
		const { scope, request } = await openFollow(tx, key, true);
		if (!['submitted', 'qualified'].includes(request.state)) throw new MoveNotAllowedError('edit', request.state);
		const merged = {
			requesterKind: request.requesterKind,
			organisationName: request.organisationName,
			kindCode: request.kindCode,
			audience: request.audience,
			level: request.level,
			schoolYear: request.schoolYear ?? '',
			uai: request.requesterUai ?? '',
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
		const input = parseWith(requestInputSchemaOn(todayInParis(now), request.wishedFrom), merged);
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
export async function cancelByRequester(db: Db, key: FollowKey, raw: unknown, now = new Date()) {
	const { note } = parseWith(noteSchema, raw ?? {});
	return db.transaction(async (tx) => {
		const { scope, request } = await openFollow(tx, key, true);
		return moveWithCalendar(tx, scope, request, 'cancel', requesterBy(), note, now);
	});
}

/** The requester's follow page, or 'unknown' for a link that names nothing. */
export function followPage(db: Db, key: FollowKey) {
	return orProblem(() => viewFollow(db, key));
}

export function followUpdate(db: Db, key: FollowKey, raw: Record<string, string>, now = new Date()) {
	return orProblem(() => updateByRequester(db, key, raw, now));
}

export function followCancel(db: Db, key: FollowKey, raw: unknown, now = new Date()) {
	return orProblem(() => cancelByRequester(db, key, raw, now));
}
