import { can, canOnPlatform, hasWholeTerritory, organisationsOf, type Principal } from '../accounts/permissions';
import type { InitiativeLink } from '../activities/activities.policy';
import type { Reach } from '../shared/reach';

/*
 * Who reads which figures on the dashboard, as pure functions of the principal. The dashboard
 * shows counts only (no record, no name); its reach is a list of initiatives.
 */

/** Whether the dashboard (and its exports) exists for this principal at all; anyone else gets a 404. */
export function mayReadDashboard(principal: Principal, territoryId: number): boolean {
	return can(principal, 'dashboard.read', territoryId);
}

/**
 * The initiatives whose figures the dashboard adds up: coordinators, funders and platform admins
 * the whole territory; a partner the initiatives her organisation leads or takes part in; anyone
 * else none (fail-closed).
 */
export function dashboardReach(principal: Principal, territoryId: number, links: readonly InitiativeLink[]): Reach {
	if (!mayReadDashboard(principal, territoryId)) return [];
	if (hasWholeTerritory(principal, territoryId, 'read')) return 'all';
	const mine = new Set(organisationsOf(principal, territoryId));
	return [...new Set(links.filter((l) => mine.has(l.organisationId)).map((l) => l.initiativeId))];
}

/** Whether the national dashboard (every territory's counts) exists for this principal; anyone else gets a 404. */
export function mayReadNationalDashboard(principal: Principal | null): boolean {
	return canOnPlatform(principal, 'platform.dashboard.read');
}
