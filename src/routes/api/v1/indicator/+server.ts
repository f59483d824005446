import { publicApiHandler } from '$lib/server/api/api-http';
import { parsePeriodQuery } from '$lib/server/indicator/indicator.schemas';
import { nationalIndicator } from '$lib/server/indicator/indicator.usecases';
import type { RequestHandler } from './$types';

/** Every territory of the platform, from the national roll-up. */
export const GET: RequestHandler = publicApiHandler(async ({ event, db }) =>
	Response.json({ data: await nationalIndicator(db, parsePeriodQuery(event.url.searchParams)) })
);
