import { hasWholeTerritory, organisationsOf, type Principal } from '../accounts/permissions';
import type { Reach } from '../shared/reach';

/**
 * Which agreements a reader reaches, by the organisations that signed them: coordinators, funders
 * and platform admins read every agreement of the territory; a partner, those her organisation
 * signed. Writing needs `agreement.manage`, which only whole-territory roles hold.
 */
export function agreementReach(principal: Principal, territoryId: number): Reach {
	return hasWholeTerritory(principal, territoryId, 'read') ? 'all' : organisationsOf(principal, territoryId);
}

/**
 * Writes (create, update, delete, upload) need the `agreement.manage` permission, which only
 * coordinators and platform admins hold — both reach the whole territory. Named here so that the
 * repository still receives an explicit reach, never a default.
 */
export function agreementWriteReach(): Reach {
	return 'all';
}
