import { territoryLoad } from '$lib/server/http/handlers';
import { myRequests } from '$lib/server/interventions/interventions.requester';
import type { PageServerLoad } from './$types';

/** A requester's own requests: those made with her account's verified address, in this territory. */
export const load: PageServerLoad = territoryLoad('request.own', ({ db, scope, actor }) => myRequests(db, scope, actor));
