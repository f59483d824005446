import { territoryLoad } from '$lib/server/http/handlers';
import { requestCounts } from '$lib/server/interventions/interventions.counts';
import type { PageServerLoad } from './$types';

/** Counts of intervention requests (never a name): coordinators, partners (their initiatives), funders. */
export const load: PageServerLoad = territoryLoad('request.counts', ({ db, scope, actor }) => requestCounts(db, scope, actor));
