import { publicApiHandler, requireScope } from '$lib/server/api/api-http';
import { presentTerritoryIndicator, readTerritoryIndicatorQuery } from '$lib/server/api/indicator';
import { resolvePeriod } from '$lib/server/indicator/indicator.schemas';
import { territoryIndicator } from '$lib/server/indicator/indicator.usecases';
import { indirectExposure } from '$lib/server/portraits/portraits.public';
import type { RequestHandler } from './$types';

/**
 * The indicator, and beside it (never added to it) the plays of the online portraits over the same
 * period. Its query is read strictly: a wrong parameter is a 422, never other figures than asked.
 */
export const GET: RequestHandler = publicApiHandler(async ({ event, db }) => {
	const scope = requireScope(event);
	const query = await readTerritoryIndicatorQuery(db, scope, event.url.searchParams);
	const [indicator, exposure] = await Promise.all([territoryIndicator(db, scope, query), indirectExposure(db, scope, resolvePeriod(query))]);
	return Response.json({ data: { ...presentTerritoryIndicator(indicator), indirectExposure: exposure } });
});
