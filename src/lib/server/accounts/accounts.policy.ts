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
