import { hasWholeTerritory, type Principal } from '../accounts/permissions';

/**
 * "Partir de ce plan" writes into the target territory's plan: a coordinator of that territory
 * (or a platform admin) only. The source sheet is public: reading it needs nothing.
 */
export function mayStartPlanIn(principal: Principal | null, targetTerritoryId: number): boolean {
	return hasWholeTerritory(principal, targetTerritoryId, 'write');
}

/**
 * The territories a signed-in person may start a plan in from another territory's sheet: those
 * she coordinates. Platform admins go through the target territory's own page instead (they would
 * otherwise be offered every territory).
 */
export function copyTargetIds(principal: Principal | null, sourceTerritoryId: number | null): number[] {
	if (!principal) return [];
	const ids = principal.roles.filter((r) => r.role === 'coordinator' && r.territoryId !== sourceTerritoryId).map((r) => r.territoryId);
	return [...new Set(ids)];
}
