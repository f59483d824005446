import { territoryCapabilities } from '$lib/server/accounts/accounts.policy';
import { principalOf, scopeOf } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params }) => {
	// The scope comes from params.territory (hooks); reading it makes SvelteKit recompute these permissions
	// when a client-side navigation moves to another territory.
	void params.territory;
	return { can: territoryCapabilities(principalOf(locals), scopeOf(locals).territoryId, locals.territory?.archived ?? false) };
};
