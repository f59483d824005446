import { territoryLoad } from '$lib/server/http/handlers';
import { parseActivityFilters } from '$lib/server/activities/activities.schemas';
import { activityListPage } from '$lib/server/activities/activities.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('activity.read', async ({ event, db, scope, actor }) => {
	const filters = parseActivityFilters(event.url.searchParams);
	return { filters, ...(await activityListPage(db, scope, actor, filters)) };
});
