import { territoryLoad } from '$lib/server/http/handlers';
import { organisationDirectory } from '$lib/server/organisations/organisations.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('organisation.read', ({ event, db, scope, actor }) =>
	organisationDirectory(db, scope, actor, event.url.searchParams)
);
