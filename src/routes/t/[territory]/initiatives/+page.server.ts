import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { initiativesAndPartners } from '$lib/server/site/site.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = publicTerritoryLoad(async ({ db, scope }) => initiativesAndPartners(db, scope));
