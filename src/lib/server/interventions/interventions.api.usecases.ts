import { movesFrom } from '../../domain/request-workflow';
import { parseApiQuery } from '../api/query';
import { todayInParis } from '../shared/paris-time';
import type { Db } from '../db/client';
import { listAllInitiativeOrganisations } from '../plan/plan.repository';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import { parseRecordId } from '../shared/schemas';
import type { Actor, TerritoryScope } from '../shared/scope';
import { listCommunes } from '../territories/territories.repository';
import { RequestNotFoundError } from './interventions.errors';
import { interventionReach, mayManageRequests, type AccessMode } from './interventions.policy';
import { presentIntervention, presentRequest, presentRequestRow, type RequestLabels } from './interventions.presenters';
import * as repo from './interventions.repository';
import {
	API_REQUEST_MOVES,
	apiMoveSchema,
	interventionFiltersSchema,
	requestFiltersSchema,
	type ApiRequestMove,
	type InterventionFilters,
	type RequestFilters
} from './interventions.schemas';
import { coordinatorMove, proposeRequest, qualifyRequest, rescheduleRequest } from './interventions.usecases';
import { assertMoveAllowed } from './interventions.workflow';

/*
 * What the token-authenticated API reads and moves of intervention requests. Reach comes from the
 * domain's policy, as on the board: a coordinator's token every request of the territory, a
 * partner's those of its organisation's initiatives (through the request's network), read only.
 * Moves go through the board page's use cases, so a move by API is the same transition, audit
 * event and e-mails as one made on the page.
 */

/** A page of the API's lists, as for activities. */
export const API_PAGE_SIZE = 50;

async function reachOf(db: Db, scope: TerritoryScope, actor: Actor, mode: AccessMode) {
	if (actor.principal.platformAdmin) return 'all' as const;
	return interventionReach(actor.principal, scope.territoryId, mode, await listAllInitiativeOrganisations(db, scope));
}

async function labelsOf(db: Db, scope: TerritoryScope): Promise<RequestLabels> {
	const [kinds, communes, networks] = [await repo.listKinds(db), await listCommunes(db, scope), await repo.listNetworks(db, scope)];
	return {
		kinds: new Map(kinds.map((k) => [k.code, { labelFr: k.labelFr, labelEn: k.labelEn }])),
		communes: new Map(communes.map((c) => [c.codeInsee, c.name])),
		networks: new Map(networks.map((n) => [n.id, { name: n.name, initiativeId: n.initiativeId }]))
	};
}

function paginate<T>(rows: readonly T[], page: number) {
	const pages = Math.max(1, Math.ceil(rows.length / API_PAGE_SIZE));
	return { rows: rows.slice((page - 1) * API_PAGE_SIZE, page * API_PAGE_SIZE), meta: { page, pages, count: rows.length } };
}

/** The days a request stands for: its intervention's day once dated, its wished period before. */
function daysOf(row: repo.RequestRow): { first: string; last: string } {
	if (row.startsAt) return { first: todayInParis(row.startsAt), last: todayInParis(row.endsAt ?? row.startsAt) };
	return { first: row.wishedFrom, last: row.wishedTo };
}

const within = (row: repo.RequestRow, from: string | undefined, to: string | undefined) => {
	const { first, last } = daysOf(row);
	return (!from || last >= from) && (!to || first <= to);
};

/** URL search params → the request list's filters; an unknown parameter or a malformed value is a 422. */
export function parseRequestFilters(params: URLSearchParams): RequestFilters {
	return parseApiQuery(params, requestFiltersSchema);
}

/** URL search params → the intervention list's filters; an unknown parameter or a malformed value is a 422. */
export function parseInterventionFilters(params: URLSearchParams): InterventionFilters {
	return parseApiQuery(params, interventionFiltersSchema);
}

/** The requests the token reaches, newest first, filtered by state, kind and days, 50 a page. */
export async function listRequestsForApi(db: Db, scope: TerritoryScope, actor: Actor, filters: RequestFilters) {
	const reach = await reachOf(db, scope, actor, 'read');
	const [rows, labels] = [await repo.listRequests(db, scope, reach), await labelsOf(db, scope)];
	const kept = rows
		.filter((r) => (!filters.state || r.state === filters.state) && (!filters.kind || r.kindCode === filters.kind) && within(r, filters.from, filters.to))
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
	const { rows: page, meta } = paginate(kept, filters.page);
	return { data: page.map((r) => presentRequestRow(r, labels)), meta };
}

/** One request within reach, with its history, speakers, reports and the moves open to the token. */
export async function getRequestForApi(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	const reach = await reachOf(db, scope, actor, 'read');
	const request = await repo.findRequest(db, scope, reach, id);
	if (!request) throw new RequestNotFoundError();
	const manages = mayManageRequests(await reachOf(db, scope, actor, 'write'));
	return presentRequest({
		request,
		labels: await labelsOf(db, scope),
		transitions: await repo.listTransitions(db, scope, id),
		speakers: await repo.listSpeakers(db, scope, id),
		reports: await repo.listReports(db, scope, id),
		manages,
		moves: manages ? movesFrom(request.state, 'coordinator').filter((m) => (API_REQUEST_MOVES as readonly string[]).includes(m)) : []
	});
}

const DATED_STATES = new Set(['confirmed', 'done', 'reported']);

/**
 * The dated interventions the token reaches (confirmed, done or reported), soonest first: from
 * today on unless `from` is given, with the places their speakers take out of the capacity.
 */
export async function listInterventionsForApi(db: Db, scope: TerritoryScope, actor: Actor, filters: InterventionFilters, now = new Date()) {
	const reach = await reachOf(db, scope, actor, 'read');
	const from = filters.from ?? todayInParis(now);
	const [rows, labels] = [await repo.listRequests(db, scope, reach), await labelsOf(db, scope)];
	const kept = rows
		.filter((r) => DATED_STATES.has(r.state) && r.startsAt && within(r, from, filters.to))
		.filter((r) => !filters.networkId || r.networkId === filters.networkId)
		.sort((a, b) => a.startsAt!.getTime() - b.startsAt!.getTime() || a.id - b.id);
	const { rows: page, meta } = paginate(kept, filters.page);
	const data = [];
	for (const row of page) {
		const taken = (await repo.listSpeakers(db, scope, row.id)).filter((s) => s.status === 'accepted').length;
		data.push(presentIntervention(row, labels, taken));
	}
	return { data, meta: { ...meta, from } };
}

type MoveUseCase = (db: Db, scope: TerritoryScope, actor: Actor, id: number, body: Record<string, unknown>, now: Date) => Promise<unknown>;

/** Each move of the API and the board page's use case that makes it. */
const API_MOVES: Record<ApiRequestMove, MoveUseCase> = {
	qualify: qualifyRequest,
	propose: proposeRequest,
	reschedule: rescheduleRequest,
	confirm: (db, scope, actor, id, body, now) => coordinatorMove(db, scope, actor, id, 'confirm', body, now),
	complete: (db, scope, actor, id, body, now) => coordinatorMove(db, scope, actor, id, 'complete', body, now),
	decline: (db, scope, actor, id, body, now) => coordinatorMove(db, scope, actor, id, 'decline', body, now),
	cancel: (db, scope, actor, id, body, now) => coordinatorMove(db, scope, actor, id, 'cancel', body, now)
};

/**
 * A move by a coordinator's token: `{ "move": "qualify" | "propose" | "reschedule" | "confirm" |
 * "complete" | "decline" | "cancel", … }` with the fields of the board page's form for that move.
 * Out of reach (a partner's token): 404 before anything is read; an unknown move: a field error;
 * a move the request's state does not allow: 409 before the move's fields are read (the use case
 * checks it again in its transaction).
 */
export async function moveRequestByApi(db: Db, scope: TerritoryScope, actor: Actor, id: number, body: Record<string, unknown>, now = new Date()) {
	const request = mayManageRequests(await reachOf(db, scope, actor, 'write')) ? await repo.findRequest(db, scope, 'all', id) : null;
	if (!request) throw new RequestNotFoundError();
	const parsed = apiMoveSchema.safeParse(body);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	assertMoveAllowed(request, parsed.data.move, 'coordinator');
	await API_MOVES[parsed.data.move](db, scope, actor, id, body, now);
	return getRequestForApi(db, scope, actor, id);
}

/** The request id of a URL; anything but a positive integer is the same 404 as an unknown id. */
export function requestIdParam(param: string): number {
	const id = parseRecordId(param);
	if (id === null) throw new RequestNotFoundError();
	return id;
}
