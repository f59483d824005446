import { translator } from '$lib/i18n';
import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { indicatorFilterValues } from '$lib/server/indicator/indicator.presenters';
import { communeMapPage } from '$lib/server/map/map.usecases';
import { fieldMessages } from '$lib/server/shared/form';
import type { PageServerLoad } from './$types';

/** A public page, as the indicator it maps: it works without JavaScript and none is sent (decision 0010). */
export const csr = false;

export const load: PageServerLoad = publicTerritoryLoad(async ({ event, db, scope }) => {
	const page = await communeMapPage(db, scope, event.url.searchParams);
	const { schoolYears, initiatives } = page;
	if (!page.ok) return { map: null, errors: fieldMessages(translator(event.locals.locale), page.errors), values: page.values, schoolYears, initiatives };
	return { map: page.map, errors: {} as Record<string, string>, values: indicatorFilterValues(page.filters), schoolYears, initiatives };
});
