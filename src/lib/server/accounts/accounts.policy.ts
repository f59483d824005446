import { can, rolesIn, type Principal } from './permissions';

/**
 * Who may act on whom. A coordinator manages the memberships of her territory only; an account
 * spans every territory, so only a platform administrator may deactivate it. Nobody removes
 * herself: she would lock herself out.
 */
export function mayEndMembership(principal: Principal | null, territoryId: number): boolean {
	return can(principal, 'user.manage', territoryId);
}

export function mayDeactivateAccount(principal: Principal | null): boolean {
	return Boolean(principal?.platformAdmin);
}

/** What the territory's pages offer to this person (links and buttons); each action still checks its own permission. */
/**
 * What the pages offer. In an archived territory (read-only) no write is offered: the server refuses
 * them anyway (territoryAction), but a form that can only be refused should not be shown.
 */
export function territoryCapabilities(principal: Principal | null, territoryId: number, archived = false) {
	const write = (permission: Parameters<typeof can>[1]) => !archived && can(principal, permission, territoryId);
	return {
		createActivity: write('activity.create'),
		updateActivity: write('activity.update'),
		cancelActivity: write('activity.cancel'),
		updatePlan: write('plan.update'),
		readOrganisations: can(principal, 'organisation.read', territoryId),
		manageOrganisations: write('organisation.manage'),
		readActivities: can(principal, 'activity.read', territoryId),
		manageUsers: can(principal, 'user.manage', territoryId),
		readAudit: can(principal, 'audit.read', territoryId),
		readAgreements: can(principal, 'agreement.read', territoryId),
		manageTokens: can(principal, 'token.manage', territoryId),
		readOutbox: can(principal, 'outbox.read', territoryId),
		readRequests: can(principal, 'request.read', territoryId),
		/** "Mes interventions": the role models' own page. */
		roleModel: rolesIn(principal, territoryId).some((r) => r.role === 'role_model'),
		/** "Mes demandes": the requesters' own page. */
		requester: rolesIn(principal, territoryId).some((r) => r.role === 'requester'),
		readRequestCounts: can(principal, 'request.counts', territoryId),
		readDashboard: can(principal, 'dashboard.read', territoryId),
		managePortraits: can(principal, 'portrait.manage', territoryId),
		manageTrainings: can(principal, 'training.manage', territoryId)
	};
}
