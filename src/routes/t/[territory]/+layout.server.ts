import { territoryCapabilities } from '$lib/server/accounts/accounts.policy';
import { principalOf, scopeOf } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({ can: territoryCapabilities(principalOf(locals), scopeOf(locals).territoryId) });
