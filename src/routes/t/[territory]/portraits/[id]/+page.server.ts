import { idParam, optionalActor } from '$lib/server/http';
import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { portraitPage } from '$lib/server/portraits/portraits.public';
import type { PageServerLoad } from './$types';

/** A portrait's page: online for everyone, a preview for the coordination, else 404. */
export const load: PageServerLoad = publicTerritoryLoad(async ({ event, db, scope }) => ({
	portrait: await portraitPage(db, scope, optionalActor(event.locals), idParam(event.params.id))
}));
