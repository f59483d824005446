import { can } from '$lib/server/accounts/permissions';
import { principalOf, scopeOf } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params }) => {
	// The scope comes from params.territory (hooks); reading it makes SvelteKit recompute these permissions
	// when a client-side navigation moves to another territory.
	void params.territory;
	const scope = scopeOf(locals);
	const principal = principalOf(locals);
	return {
		can: {
			createActivity: can(principal, 'activity.create', scope.territoryId),
			updateActivity: can(principal, 'activity.update', scope.territoryId),
			cancelActivity: can(principal, 'activity.cancel', scope.territoryId),
			updatePlan: can(principal, 'plan.update', scope.territoryId),
			readActivities: can(principal, 'activity.read', scope.territoryId),
			manageUsers: can(principal, 'user.manage', scope.territoryId),
			readAudit: can(principal, 'audit.read', scope.territoryId),
			readAgreements: can(principal, 'agreement.read', scope.territoryId),
			manageTokens: can(principal, 'token.manage', scope.territoryId)
		}
	};
};
