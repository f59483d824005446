import { can } from '$lib/server/accounts/permissions';
import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { galleryFiltersSchema } from '$lib/server/portraits/portraits.schemas';
import { publicGallery } from '$lib/server/portraits/portraits.public';
import { searchParamsToObject } from '$lib/server/shared/schemas';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

/** The public gallery: online portraits, filtered by job family, sector or firm (a GET form: works without JavaScript). */
export const load: PageServerLoad = publicTerritoryLoad(async ({ event, db, scope }) => {
	const filters = galleryFiltersSchema.parse(searchParamsToObject(event.url.searchParams));
	return {
		gallery: await publicGallery(db, scope, filters),
		filters,
		manager: can(event.locals.principal, 'portrait.manage', scope.territoryId)
	};
});
