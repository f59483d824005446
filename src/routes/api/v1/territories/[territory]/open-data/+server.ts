import { publicApiHandler, requireScope } from '$lib/server/api/api-http';
import { presentOpenData } from '$lib/server/open-data/open-data.presenters';
import { territoryOpenData } from '$lib/server/open-data/open-data.usecases';
import type { RequestHandler } from './$types';

/** The territory's open data: aggregate figures only, small cells withheld (decision 0013). */
export const GET: RequestHandler = publicApiHandler(async ({ event, db }) => {
	const scope = requireScope(event);
	const territory = event.locals.territory!;
	return Response.json(presentOpenData(territory, await territoryOpenData(db, scope)));
});
