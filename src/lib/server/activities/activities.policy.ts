import { hasWholeTerritory, organisationsOf, type Principal } from '../accounts/permissions';

/**
 * Which initiatives a principal may read or write activities for: 'all' for coordinators and
 * admins (and, for reading, funders); for a partner, the initiatives her organisation leads or
 * takes part in.
 */
export function initiativeAccess(
	principal: Principal | null,
	territoryId: number,
	mode: 'read' | 'write',
	initiativeOrganisations: readonly { initiativeId: number; organisationId: number }[]
): 'all' | number[] {
	if (hasWholeTerritory(principal, territoryId, mode)) return 'all';
	const mine = new Set(organisationsOf(principal, territoryId));
	return [...new Set(initiativeOrganisations.filter((l) => mine.has(l.organisationId)).map((l) => l.initiativeId))];
}
