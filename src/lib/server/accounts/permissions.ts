/**
 * One permission vocabulary and the role → permission matrix. Issue #3 adds partner,
 * role model, requester, funder and platform admin to this table, not to handlers.
 */
export const PERMISSIONS = ['plan.update', 'activity.create', 'activity.update', 'activity.cancel', 'indicator.read'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<string, readonly Permission[]> = {
	coordinator: ['plan.update', 'activity.create', 'activity.update', 'activity.cancel', 'indicator.read']
};

export interface Principal {
	userId: string;
	roles: readonly { territoryId: number; role: string }[];
}

export function can(principal: Principal | null, permission: Permission, territoryId: number): boolean {
	if (!principal) return false;
	return principal.roles.some((r) => r.territoryId === territoryId && (ROLE_PERMISSIONS[r.role] ?? []).includes(permission));
}
