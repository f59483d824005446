import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { publicHome } from '$lib/server/site/site.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = publicTerritoryLoad(async ({ db, scope }) => publicHome(db, scope));
