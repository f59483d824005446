import { hasWholeTerritory, rolesIn, type Principal } from '../accounts/permissions';

/*
 * Record-level rules of role-model profiles, as pure functions of the principal. Coordinators
 * (and platform administrators) manage every profile of their territory; a role model reads and
 * edits her own profile only (the one linked to her account); nobody else sees any.
 */

/** Whether the principal manages all the territory's profiles (lists, creates, edits, deactivates). */
export function mayManageRoleModels(principal: Principal, territoryId: number): boolean {
	return hasWholeTerritory(principal, territoryId, 'write');
}

/** Whether the principal holds the role-model role in the territory (her profile is linked on "Mon profil"). */
export function isRoleModelIn(principal: Principal, territoryId: number): boolean {
	return rolesIn(principal, territoryId).some((r) => r.role === 'role_model');
}

/** Public consent may only be given or withdrawn by the woman herself, never on her behalf. */
export function mayChangeConsent(target: 'own' | { id: number }): boolean {
	return target === 'own';
}

/** Her networks are attested by the coordination: her own form shows them, it never changes them. */
export function mayChangeNetworks(target: 'own' | { id: number }): boolean {
	return target !== 'own';
}
