import { publicApiHandler } from '$lib/server/api/api-http';
import { presentNationalIndicator, readNationalIndicatorQuery } from '$lib/server/api/indicator';
import { nationalIndicator } from '$lib/server/indicator/indicator.usecases';
import type { RequestHandler } from './$types';

/** Every territory of the platform, from the national roll-up; its period read strictly (422 when wrong). */
export const GET: RequestHandler = publicApiHandler(async ({ event, db }) =>
	Response.json({ data: presentNationalIndicator(await nationalIndicator(db, readNationalIndicatorQuery(event.url.searchParams))) })
);
