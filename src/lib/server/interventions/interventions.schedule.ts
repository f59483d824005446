/** The interventions' scheduled work (reminders, flags, completion, expiry) and the retention of contacts. */
import * as repo from './interventions.repository';
import { mayMove, type RequestMoveName } from '../../domain/request-workflow';
import { type Db } from '../db/client';
import { addWorkingDays, todayInParis } from '../shared/paris-time';
import { type TerritoryScope } from '../shared/scope';
import { DAY, recipientsOf, sendKind } from './interventions.mail';
import { applyMove, systemBy } from './interventions.workflow';

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
