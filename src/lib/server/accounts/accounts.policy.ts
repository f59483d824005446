import { can, type Principal } from './permissions';

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
export function territoryCapabilities(principal: Principal | null, territoryId: number) {
	return {
		createActivity: can(principal, 'activity.create', territoryId),
		updateActivity: can(principal, 'activity.update', territoryId),
		cancelActivity: can(principal, 'activity.cancel', territoryId),
		updatePlan: can(principal, 'plan.update', territoryId),
		readOrganisations: can(principal, 'organisation.read', territoryId),
		manageOrganisations: can(principal, 'organisation.manage', territoryId),
		readActivities: can(principal, 'activity.read', territoryId),
		manageUsers: can(principal, 'user.manage', territoryId),
		readAudit: can(principal, 'audit.read', territoryId),
		readAgreements: can(principal, 'agreement.read', territoryId),
		manageTokens: can(principal, 'token.manage', territoryId)
	};
}
