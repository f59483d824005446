import { idParam, optionalActor } from '$lib/server/http';
import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { portraitPage } from '$lib/server/portraits/portraits.public';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

/** A portrait's page: online for everyone, a preview for the coordination, else 404. */
export const load: PageServerLoad = publicTerritoryLoad(async ({ event, db, scope }) => ({
	portrait: await portraitPage(db, scope, optionalActor(event.locals), idParam(event.params.id))
}));
