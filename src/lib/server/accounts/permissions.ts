import { TERRITORY_ROLES, type TerritoryRole } from '../../domain/roles';

/**
 * One permission vocabulary and the role → permission matrix. Handlers ask `can(…)`;
 * record-level rules (a partner and her organisation's initiatives) live in each domain's policy.
 */
export const PERMISSIONS = [
	'activity.read',
	'activity.create',
	'activity.update',
	'activity.cancel',
	'plan.update',
	'organisation.read',
	'organisation.manage',
	'agreement.read',
	'agreement.manage',
	'user.manage',
	'audit.read',
	'token.manage',
	'report.read',
	'profile.own',
	'request.own',
	'outbox.read',
	'outbox.resend',
	'request.read',
	'request.manage',
	/** The counts of intervention requests (no names): coordinators, partners (their initiatives), funders. */
	'request.counts',
	/** The dashboard and its exports (counts only): coordinators, partners (their initiatives), funders. */
	'dashboard.read',
	/** The portraits library (videos, consents, publication): the coordination. */
	'portrait.manage',
	/** « Métiers et formations »: add, edit and delete the territory's trainings (reading them is public). */
	'training.manage'
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export { TERRITORY_ROLES, type TerritoryRole };

export const ROLE_PERMISSIONS: Record<TerritoryRole, readonly Permission[]> = {
	// Coordinator: everything in her territory, except what only requesters do.
	coordinator: PERMISSIONS.filter((p) => p !== 'request.own'),
	// Partner: her organisation's records only; the activity policy narrows to its initiatives.
	// Partner: the intervention requests of her initiatives too (interventions.policy.ts narrows).
	partner: [
		'activity.read',
		'activity.create',
		'activity.update',
		'activity.cancel',
		'agreement.read',
		'organisation.read',
		'token.manage',
		'profile.own',
		'request.read',
		'request.counts',
		'dashboard.read'
	],
	role_model: ['profile.own'],
	requester: ['request.own', 'profile.own'],
	funder: ['activity.read', 'report.read', 'agreement.read', 'profile.own', 'request.counts', 'dashboard.read']
};

/**
 * Permissions over the platform as a whole, in no territory: platform administrators only (no
 * territory role grants them). Domain policies ask `canOnPlatform(…)`.
 */
export const PLATFORM_PERMISSIONS = [
	/** The national dashboard and its exports: every territory's counts. */
	'platform.dashboard.read'
] as const;
export type PlatformPermission = (typeof PLATFORM_PERMISSIONS)[number];

export interface PrincipalRole {
	territoryId: number;
	role: string;
	organisationId: number | null;
}

export interface Principal {
	userId: string;
	platformAdmin: boolean;
	roles: readonly PrincipalRole[];
}

export function rolesIn(principal: Principal | null, territoryId: number): PrincipalRole[] {
	return principal ? principal.roles.filter((r) => r.territoryId === territoryId) : [];
}

export function can(principal: Principal | null, permission: Permission, territoryId: number): boolean {
	if (!principal) return false;
	if (principal.platformAdmin) return true;
	return rolesIn(principal, territoryId).some((r) => (ROLE_PERMISSIONS[r.role as TerritoryRole] ?? []).includes(permission));
}

export function canOnPlatform(principal: Principal | null, permission: PlatformPermission): boolean {
	return Boolean(principal?.platformAdmin) && PLATFORM_PERMISSIONS.includes(permission);
}

/** Coordinators and platform admins act on the whole territory; funders read all of it. */
export function hasWholeTerritory(principal: Principal | null, territoryId: number, mode: 'read' | 'write' = 'write'): boolean {
	if (!principal) return false;
	if (principal.platformAdmin) return true;
	const whole = mode === 'read' ? ['coordinator', 'funder'] : ['coordinator'];
	return rolesIn(principal, territoryId).some((r) => whole.includes(r.role));
}

/** The organisations a principal represents in a territory (partner roles). */
export function organisationsOf(principal: Principal | null, territoryId: number): number[] {
	return rolesIn(principal, territoryId)
		.filter((r) => r.role === 'partner' && r.organisationId !== null)
		.map((r) => r.organisationId!);
}

/** Admins and coordinators must use two-factor authentication before acting (ASVS 6.3.3 / L2). */
export function requiresTwoFactor(principal: Principal): boolean {
	return principal.platformAdmin || principal.roles.some((r) => r.role === 'coordinator');
}
