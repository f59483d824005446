/** The engine every move of a request goes through, and what the use cases share. */
import * as repo from './interventions.repository';
import {
	REQUEST_WORKFLOW,
	dateAllows,
	mayMove,
	staffingAllows,
	type RequestActor,
	type RequestMove,
	type RequestMoveName
} from '../../domain/request-workflow';
import { type Principal } from '../accounts/permissions';
import { recordAudit } from '../audit/audit.repository';
import { type Db } from '../db/client';
import { PLATFORM_ACTOR, SYSTEM_ACTOR, type Actor, type TerritoryScope } from '../shared/scope';
import { todayInParis } from '../shared/paris-time';
import { findCommune } from '../territories/territories.repository';
import { ActionLinkError, MoveNeedsSpeakerError, MoveNotAllowedError, MoveTooEarlyError, RequestNotFoundError, type LinkProblem } from './interventions.errors';
import { recipientsOf, sendKind } from './interventions.mail';

/** Who makes a move, and the actor the audit trail names. */
export interface MoveBy {
	kind: RequestActor;
	actor: Actor;
}

const NOBODY: Principal = { userId: 'anonymous', platformAdmin: false, roles: [] };
export const requesterBy = (): MoveBy => ({ kind: 'requester', actor: { userId: 'requester', label: 'demandeuse (lien privé)', principal: NOBODY } });
export const roleModelBy = (profileId: number, userId?: string): MoveBy => ({
	kind: 'role_model',
	actor: { userId: userId ?? `role_model:${profileId}`, label: 'intervenante', principal: NOBODY }
});
/** The platform's own moves (automatic confirmation, scheduled jobs): credited to the platform, not to the command line. */
export const systemBy = (): MoveBy => ({ kind: 'system', actor: PLATFORM_ACTOR });
/** The accounting is written by the platform on behalf of whoever reported. */
export const REPORT_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'compte rendu d’intervention' };

export const coordinatorBy = (actor: Actor): MoveBy => ({ kind: 'coordinator', actor });

/** What the audit trail keeps of a request: never the contact's e-mail, phone or link. */
export function snapshot(row: repo.RequestRow) {
	const { contactEmail, contactPhone, followTokenHash, createdAt, updatedAt, ...rest } = row;
	void contactEmail;
	void contactPhone;
	void followTokenHash;
	void createdAt;
	void updatedAt;
	return rest;
}

export { parseWith } from '../shared/form';

/** A move the request's state does not allow to this actor (the workflow table): refused, 409, before its fields are read. */
export function assertMoveAllowed(request: Pick<repo.RequestRow, 'state'>, move: RequestMoveName, by: RequestActor): void {
	if (!mayMove(move, request.state, by)) throw new MoveNotAllowedError(move, request.state);
}

/**
 * Every move of a request goes through here: the workflow table says whether it is allowed (else
 * refused, nothing changed) and which messages it sends; the request, its transition, the audit
 * event and the e-mails are written in the caller's transaction.
 */
export async function applyMove(
	tx: Db,
	scope: TerritoryScope,
	request: repo.RequestRow,
	move: RequestMoveName,
	by: MoveBy,
	options: { changes?: Partial<repo.RequestRow>; note?: string | null; proposed?: number[]; now?: Date } = {}
) {
	if (!mayMove(move, request.state, by.kind)) throw new MoveNotAllowedError(move, request.state);
	const now = options.now ?? new Date();
	if (!dateAllows(move, todayInParis(now), endDayOf(request))) throw new MoveTooEarlyError(move);
	const definition: RequestMove = REQUEST_WORKFLOW[move];
	if (definition.needs && !staffingAllows(move, await acceptedSpeakers(tx, scope, request.id))) throw new MoveNeedsSpeakerError(move);
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

/** How many role models have accepted (the staffing condition of a move). */
export async function acceptedSpeakers(tx: Db, scope: TerritoryScope, requestId: number): Promise<number> {
	return (await repo.listSpeakers(tx, scope, requestId)).filter((s) => s.status === 'accepted').length;
}

/** The Paris day the intervention ends (its start's day without an end), or null before it is dated. */
export function endDayOf(request: { startsAt: Date | null; endsAt: Date | null }): string | null {
	const end = request.endsAt ?? request.startsAt;
	return end ? todayInParis(end) : null;
}

/** A cancellation of a confirmed intervention reaches calendars with a higher SEQUENCE. */
export async function moveWithCalendar(
	tx: Db,
	scope: TerritoryScope,
	request: repo.RequestRow,
	move: RequestMoveName,
	by: MoveBy,
	note: string | null,
	now: Date
) {
	const changes = move === 'cancel' && request.state === 'confirmed' ? { icalSequence: request.icalSequence + 1 } : {};
	return applyMove(tx, scope, request, move, by, { changes, note, now });
}

/** What an answer or report link shows: the intervention (what, where, when, for whom), never the contact. */
export async function linkSummary(db: Db, scope: TerritoryScope, request: repo.RequestRow) {
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

export async function orProblem<T>(work: () => Promise<T>): Promise<{ problem: LinkProblem; result: null } | { problem: null; result: T }> {
	try {
		return { problem: null, result: await work() };
	} catch (e) {
		if (e instanceof ActionLinkError) return { problem: e.problem, result: null };
		if (e instanceof RequestNotFoundError) return { problem: 'unknown', result: null };
		if (e instanceof MoveNotAllowedError || e instanceof MoveTooEarlyError || e instanceof MoveNeedsSpeakerError) return { problem: 'closed', result: null };
		throw e;
	}
}
