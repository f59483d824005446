import { publicApiHandler, requireScope } from '$lib/server/api/api-http';
import { parsePeriodQuery } from '$lib/server/indicator/indicator.schemas';
import { territoryIndicator } from '$lib/server/indicator/indicator.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = publicApiHandler(async ({ event, db }) =>
	Response.json({ data: await territoryIndicator(db, requireScope(event), parsePeriodQuery(event.url.searchParams)) })
);
