import { principalOf } from '$lib/server/http';
import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { searchParamsToObject } from '$lib/server/shared/schemas';
import { trainingsPage } from '$lib/server/trainings/trainings.usecases';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

/** Public: the territory's trainings by job family, filtered by the GET form (works without JavaScript). */
export const load: PageServerLoad = publicTerritoryLoad(({ event, db, scope }) =>
	trainingsPage(db, scope, principalOf(event.locals), searchParamsToObject(event.url.searchParams))
);
