import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { publicHome } from '$lib/server/site/site.usecases';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

export const load: PageServerLoad = publicTerritoryLoad(async ({ db, scope }) => publicHome(db, scope));
