import { hasWholeTerritory, organisationsOf, type Principal } from '../accounts/permissions';
import { inReach, type Reach } from '../shared/reach';

/** Whose tokens a principal manages, by organisation: coordinators (and platform admins) every one; a partner, her organisation's. */
export function tokenReach(principal: Principal | null, territoryId: number): Reach {
	return hasWholeTerritory(principal, territoryId, 'write') ? 'all' : organisationsOf(principal, territoryId);
}

/** May a token be created for (or a token of) this organisation be managed within this reach? */
export function mayManage(reach: Reach, organisationId: number): boolean {
	return inReach(reach, organisationId);
}

/** Only a coordinator (or a platform administrator) creates a token that acts for the whole territory. */
export function mayCreateTokenRole(principal: Principal | null, territoryId: number, role: string): boolean {
	return role === 'partner' || hasWholeTerritory(principal, territoryId, 'write');
}
