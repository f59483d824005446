/**
 * The counts of intervention requests, for coordinators, partners (their initiatives) and funders:
 * numbers only — never a name, a contact, an organisation or a message.
 */
import * as repo from './interventions.repository';
import * as counts from './interventions.counts.repository';
import { REQUEST_STATES, REQUESTER_KINDS } from '../../domain/request-workflow';
import { type Db } from '../db/client';
import { listAllInitiativeOrganisations } from '../plan/plan.repository';
import { type Actor, type TerritoryScope } from '../shared/scope';
import { countsReach } from './interventions.policy';

export interface CountRow {
	key: string;
	/** Labels of the key (kinds are data with both labels; states and requester kinds are catalogue keys). */
	labelFr?: string;
	labelEn?: string;
	count: number;
}

/** Every key of a fixed list, zero included, in the list's order. */
function complete(keys: readonly string[], found: counts.KeyCount[]): CountRow[] {
	const byKey = new Map(found.map((f) => [f.key, f.count]));
	return keys.map((key) => ({ key, count: byKey.get(key) ?? 0 }));
}

/** The counts page: requests by state, by kind, by requester kind and by month; interventions confirmed, done, reported; people reported. */
export async function requestCounts(db: Db, scope: TerritoryScope, actor: Actor) {
	const reach = actor.principal.platformAdmin ? 'all' : countsReach(actor.principal, scope.territoryId, await listAllInitiativeOrganisations(db, scope));
	const [byState, byKind, byRequesterKind, byMonth, peopleReported, kinds] = await Promise.all([
		counts.countByState(db, scope, reach),
		counts.countByKind(db, scope, reach),
		counts.countByRequesterKind(db, scope, reach),
		counts.countByMonth(db, scope, reach),
		counts.sumPeopleReported(db, scope, reach),
		repo.listKinds(db)
	]);
	const states = complete(REQUEST_STATES, byState);
	const stateCount = (state: string) => states.find((s) => s.key === state)?.count ?? 0;
	const kindLabels = new Map(kinds.map((k) => [k.code, k]));
	return {
		total: states.reduce((sum, s) => sum + s.count, 0),
		byState: states,
		byKind: byKind.map((k) => ({ ...k, labelFr: kindLabels.get(k.key)?.labelFr ?? k.key, labelEn: kindLabels.get(k.key)?.labelEn ?? k.key })),
		byRequesterKind: complete(REQUESTER_KINDS, byRequesterKind),
		byMonth: byMonth.map((m) => ({ key: m.key, count: m.count })),
		interventions: { confirmed: stateCount('confirmed'), done: stateCount('done'), reported: stateCount('reported') },
		peopleReported
	};
}
