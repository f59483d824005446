import { principalOf } from '$lib/server/http';
import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { presentSheet } from '$lib/server/sheet/sheet.presenters';
import { copyTargets, getSheet } from '$lib/server/sheet/sheet.usecases';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

export const load: PageServerLoad = publicTerritoryLoad(async ({ event, db, scope }) => {
	const [sheet, targets] = await Promise.all([getSheet(db, scope), copyTargets(db, principalOf(event.locals), scope.territoryId)]);
	return { sheet: presentSheet(sheet), targets };
});
