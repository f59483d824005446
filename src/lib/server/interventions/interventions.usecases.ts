/** The coordinator's use cases: qualify, propose, move, reschedule, the board and the request page. */
import * as repo from './interventions.repository';
import { mayMove, movesFrom } from '../../domain/request-workflow';
import { can } from '../accounts/permissions';
import { type Db } from '../db/client';
import { listAllInitiativeOrganisations } from '../plan/plan.repository';
import { rankRoleModels } from '../role-models/matching';
import { ValidationError } from '../shared/errors';
import { parisInstant, parisParts, todayInParis } from '../shared/paris-time';
import { type Actor, type TerritoryScope } from '../shared/scope';
import { findOrganisation } from '../organisations/organisations.repository';
import { listCommunes } from '../territories/territories.repository';
import { MoveNeedsSpeakerError, MoveNotAllowedError, MoveTooEarlyError, RequestNotFoundError } from './interventions.errors';
import { interventionReach, mayManageRequests, type AccessMode } from './interventions.policy';
import { noteSchema, proposeSchema, qualifySchemaOn, rescheduleSchemaOn } from './interventions.schemas';
import { DAY } from './interventions.mail';
import { applyMove, snapshot, coordinatorBy, endDayOf, moveWithCalendar, parseWith } from './interventions.workflow';

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

/** The coordinator qualifies a submitted request: network, date and times in Paris, place, capacity. */
export async function qualifyRequest(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown, now = new Date()) {
	const input = parseWith(qualifySchemaOn(todayInParis(now)), raw);
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

/** A new date or place once confirmed: the same event (UID) with SEQUENCE + 1 for every calendar. */
export async function rescheduleRequest(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown, now = new Date()) {
	const input = parseWith(rescheduleSchemaOn(todayInParis(now)), raw);
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

/** The request page: details, history, speakers, reports, the moves open, and ranked role models. */
export async function viewRequest(db: Db, scope: TerritoryScope, actor: Actor, id: number, now = new Date()) {
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
	const organisation = request.organisationId ? await findOrganisation(db, scope, request.organisationId) : null;
	const ranked =
		canManage && ['qualified', 'proposed', 'confirmed'].includes(request.state)
			? await rankRoleModels(
					db,
					scope,
					{
						networkId: request.networkId,
						startsAt: request.startsAt,
						endsAt: request.endsAt,
						wishedFrom: request.wishedFrom,
						wishedTo: request.wishedTo,
						audience: request.audience,
						level: request.level,
						communeCode: request.communeCode
					},
					{ now }
				)
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
		organisation: organisation ? { id: organisation.id, name: organisation.name, uai: organisation.uai } : null,
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
		moves: canManage
			? movesFrom(request.state, 'coordinator', {
					today: todayInParis(now),
					endDay: endDayOf(request),
					acceptedSpeakers: speakers.filter((s) => s.status === 'accepted').length
				})
			: [],
		/** Confirmed but not yet taken place: the day from which it may be marked done. */
		completeFrom: request.state === 'confirmed' && endDayOf(request) && endDayOf(request)! > todayInParis(now) ? endDayOf(request) : null,
		/** Each woman ranked: `asked` is her answer status when already asked (not offered again), `away` when absent on the date. */
		ranked: ranked.map((r) => ({ ...r, asked: speakers.find((s) => s.profileId === r.profileId)?.status ?? null, away: !!r.excluded })),
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

/**
 * The interventions to come that a role model has accepted (confirmed, or waiting for others): what
 * the coordinator must see before deactivating her profile. Coordinators only (else nothing).
 */
export async function upcomingCommitments(db: Db, scope: TerritoryScope, actor: Actor, profileId: number, now = new Date()) {
	if (!mayManageRequests(await reachOf(db, scope, actor, 'read'))) return [];
	return (await repo.listRequestsOfProfile(db, scope, profileId))
		.filter((r) => r.speakerStatus === 'accepted' && ['proposed', 'confirmed'].includes(r.request.state) && r.request.startsAt && r.request.startsAt > now)
		.map((r) => ({ id: r.request.id, organisationName: r.request.organisationName, startsAt: r.request.startsAt!.toISOString(), state: r.request.state }))
		.reverse();
}

/* ------------------------------------------------------------------ what pages call */

/** A refused move becomes the form's French message, never a 500. */
export function moveErrorToForm(e: unknown): unknown {
	if (e instanceof MoveNotAllowedError) return new ValidationError({ _form: { key: 'interventions.move_not_allowed' } });
	if (e instanceof MoveTooEarlyError) return new ValidationError({ _form: { key: 'interventions.not_happened_yet' } });
	if (e instanceof MoveNeedsSpeakerError) return new ValidationError({ _form: { key: 'interventions.nobody_accepted' } });
	return e;
}
