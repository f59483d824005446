import { publicApiHandler, requireScope } from '$lib/server/api/api-http';
import { parsePeriodQuery, resolvePeriod } from '$lib/server/indicator/indicator.schemas';
import { territoryIndicator } from '$lib/server/indicator/indicator.usecases';
import { indirectExposure } from '$lib/server/portraits/portraits.public';
import type { RequestHandler } from './$types';

/** The indicator, and beside it (never added to it) the plays of the online portraits over the same period. */
export const GET: RequestHandler = publicApiHandler(async ({ event, db }) => {
	const scope = requireScope(event);
	const query = parsePeriodQuery(event.url.searchParams);
	const [indicator, exposure] = await Promise.all([territoryIndicator(db, scope, query), indirectExposure(db, scope, resolvePeriod(query))]);
	return Response.json({ data: { ...indicator, indirectExposure: exposure } });
});
