import { can, hasWholeTerritory, organisationsOf, type Principal } from '../accounts/permissions';
import { inReach, type Reach } from '../shared/reach';

/*
 * Record-level rules of the activities domain, as pure functions of the principal: the use cases
 * call them first, with the mode they need (list/get read; create/update/cancel write).
 */

export type AccessMode = 'read' | 'write';

/** Which initiative is led by or involves which organisation (plan data). */
export type InitiativeLink = { readonly initiativeId: number; readonly organisationId: number };

/** Coordinators and admins (and, for reading, funders): no need to read the plan's links. */
export function reachesWholeTerritory(principal: Principal, territoryId: number, mode: AccessMode): boolean {
	return hasWholeTerritory(principal, territoryId, mode);
}

/**
 * The initiatives a principal may read or write activities for: 'all' for coordinators and
 * admins (and, for reading, funders); for a partner, the initiatives her organisation leads or
 * takes part in; nothing for anyone else (fail-closed).
 */
export function activityReach(principal: Principal, territoryId: number, mode: AccessMode, links: readonly InitiativeLink[]): Reach {
	if (reachesWholeTerritory(principal, territoryId, mode)) return 'all';
	const mine = new Set(organisationsOf(principal, territoryId));
	return [...new Set(links.filter((l) => mine.has(l.organisationId)).map((l) => l.initiativeId))];
}

/**
 * Whether the activity page offers the edit and cancel forms: the principal may update
 * activities in the territory and the activity's initiative is within her write reach.
 */
export function mayEditActivity(principal: Principal, territoryId: number, writeReach: Reach, activity: { initiativeId: number }): boolean {
	return can(principal, 'activity.update', territoryId) && inReach(writeReach, activity.initiativeId);
}

/** Whether a write reach lets the principal record activities for at least one initiative (an import needs one). */
export function mayWriteSomeInitiative(writeReach: Reach): boolean {
	return writeReach === 'all' || writeReach.length > 0;
}
