import { hasWholeTerritory, type Principal } from '../accounts/permissions';

/*
 * Who reaches targets and milestones, as pure functions of the principal. Reading is for everyone
 * who reads the indicator (its figures are public; the whole-plan target shows beside them);
 * setting, changing and removing them is the coordination's (and platform administrators'): anyone
 * else gets the same 404 as an unknown record.
 */

export function mayManageTargets(principal: Principal | null, territoryId: number): boolean {
	return hasWholeTerritory(principal, territoryId, 'write');
}
