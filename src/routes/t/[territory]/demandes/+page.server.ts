import { territoryLoad } from '$lib/server/http/handlers';
import { requestBoard } from '$lib/server/interventions/interventions.usecases';
import type { PageServerLoad } from './$types';

/** Coordinators see every request; partners those of their initiatives (request.read: funders see counts elsewhere). */
export const load: PageServerLoad = territoryLoad('request.read', ({ db, scope, actor }) => requestBoard(db, scope, actor));
