import { hasWholeTerritory, organisationsOf, type Principal } from '../accounts/permissions';
import type { Reach } from '../shared/reach';

/*
 * Record-level rules of the organisations directory, as pure functions of the principal: the use
 * cases call them first, with the mode they need (list/view read; create/update/status write).
 */

export type AccessMode = 'read' | 'write';

/**
 * The organisations a principal may read or change: 'all' for coordinators and admins; for a
 * partner, reading her own organisation's record only, and writing nothing; nothing for anyone else.
 */
export function organisationReach(principal: Principal, territoryId: number, mode: AccessMode): Reach {
	if (hasWholeTerritory(principal, territoryId, 'write')) return 'all';
	return mode === 'read' ? [...new Set(organisationsOf(principal, territoryId))] : [];
}

/** Whether the record's page offers the edit and status forms. */
export function mayManageOrganisations(writeReach: Reach): boolean {
	return writeReach === 'all';
}
