import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { listWitnesses } from '$lib/server/role-models/role-models.photos';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

/** « Elles témoignent »: the role models whose public consent holds today. */
export const load: PageServerLoad = publicTerritoryLoad(async ({ db, scope }) => ({ witnesses: await listWitnesses(db, scope) }));
