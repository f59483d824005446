import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { createNetwork, roleModelDirectory } from '$lib/server/role-models/role-models.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('user.manage', ({ event, db, scope, actor }) => roleModelDirectory(db, scope, actor, event.url.searchParams));

export const actions: Actions = {
	network: territoryAction('user.manage', async ({ db, scope, actor, values }) => {
		await createNetwork(db, scope, actor, values);
		return { networkAdded: true };
	})
};
