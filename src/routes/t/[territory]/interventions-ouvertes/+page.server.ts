import { principalOf } from '$lib/server/http';
import { publicTerritoryLoad, territoryAction } from '$lib/server/http/handlers';
import { openInterventionsPage, takePlace } from '$lib/server/interventions/interventions.open';
import { parseRecordId } from '$lib/server/shared/schemas';
import type { Actions, PageServerLoad } from './$types';

/** Public: the upcoming interventions open to volunteers; a signed-in role model also sees where she stands on each. */
export const load: PageServerLoad = publicTerritoryLoad(({ event, db, scope }) => openInterventionsPage(db, scope, principalOf(event.locals)));

export const actions: Actions = {
	/** « Je prends une place »: a role model of the territory (her profile); anyone else gets a 404. */
	take: territoryAction('profile.own', async ({ db, scope, actor, values }) => {
		const requestId = parseRecordId(values.requestId);
		const result = await takePlace(db, scope, actor, requestId);
		return { taken: result.status, already: result.already, requestId };
	})
};
