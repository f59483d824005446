import { hasWholeTerritory, organisationsOf, type Principal } from '../accounts/permissions';
import type { InitiativeLink } from '../activities/activities.policy';
import type { Reach } from '../shared/reach';

/*
 * Who reaches which intervention requests, as pure functions of the principal. A reach is a list
 * of initiatives: a request counts under its network's initiative.
 */

export type AccessMode = 'read' | 'write';

/**
 * Coordinators (and platform admins) manage every request of their territory; a partner reads the
 * requests of her organisation's initiatives; anyone else (funders: counts only) reaches none.
 */
export function interventionReach(principal: Principal, territoryId: number, mode: AccessMode, links: readonly InitiativeLink[]): Reach {
	if (hasWholeTerritory(principal, territoryId, 'write')) return 'all';
	if (mode === 'write') return [];
	const mine = new Set(organisationsOf(principal, territoryId));
	return [...new Set(links.filter((l) => mine.has(l.organisationId)).map((l) => l.initiativeId))];
}

/** Whether the request page offers the coordinator's moves and forms. */
export function mayManageRequests(writeReach: Reach): boolean {
	return writeReach === 'all';
}

/**
 * Whose requests the counts page adds up: coordinators and funders the whole territory (funders
 * read counts, never a request), a partner her organisation's initiatives.
 */
export function countsReach(principal: Principal, territoryId: number, links: readonly InitiativeLink[]): Reach {
	if (hasWholeTerritory(principal, territoryId, 'read')) return 'all';
	return interventionReach(principal, territoryId, 'read', links);
}
