import { hasWholeTerritory, type Principal } from '../accounts/permissions';

/*
 * Who reaches the trainings, as pure functions of the principal. Reading is public (the page and
 * the API answer anyone, signed in or not); writing is the coordination's (and platform
 * administrators'): a partner, a funder, a role model or a requester gets the same 404 as an
 * unknown training.
 */

export type AccessMode = 'read' | 'write';

export function mayManageTrainings(principal: Principal | null, territoryId: number): boolean {
	return hasWholeTerritory(principal, territoryId, 'write');
}

/** Whether the principal reaches the territory's trainings for this mode (read: everyone). */
export function reachesTrainings(principal: Principal | null, territoryId: number, mode: AccessMode): boolean {
	return mode === 'read' || mayManageTrainings(principal, territoryId);
}
