import { principalOf } from '$lib/server/http';
import { publicTerritoryLoad, territoryAction } from '$lib/server/http/handlers';
import { openInterventionsPage, releasePlace, takePlace } from '$lib/server/interventions/interventions.open';
import { parseRecordId } from '$lib/server/shared/schemas';
import type { Actions, PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

/** Public: the upcoming interventions open to volunteers; a signed-in role model also sees where she stands on each. */
export const load: PageServerLoad = publicTerritoryLoad(({ event, db, scope }) => openInterventionsPage(db, scope, principalOf(event.locals)));

export const actions: Actions = {
	/** « Je prends une place »: a role model of the territory (her profile); anyone else gets a 404. */
	take: territoryAction('profile.own', async ({ db, scope, actor, values }) => {
		const requestId = parseRecordId(values.requestId);
		const result = await takePlace(db, scope, actor, requestId);
		// Her place confirmed the intervention (or joined a confirmed one): the banner says so, no wait promised.
		const taken = result.status === 'accepted' && result.confirmed && !result.already ? 'confirmed' : result.status;
		return { taken, already: result.already, requestId };
	}),
	/** « Libérer ma place » / « Quitter la liste d’attente »: the first on the waiting list gets the place. */
	release: territoryAction('profile.own', async ({ db, scope, actor, values }) => {
		const result = await releasePlace(db, scope, actor, parseRecordId(values.requestId));
		return { released: result.released };
	})
};
