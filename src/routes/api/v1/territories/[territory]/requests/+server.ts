import { apiHandler } from '$lib/server/api/api-http';
import { listRequestsForApi, parseRequestFilters } from '$lib/server/interventions/interventions.api.usecases';
import type { RequestHandler } from './$types';

/** The intervention requests the token reaches: a coordinator's every one, a partner's those of its initiatives. */
export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) =>
	Response.json(await listRequestsForApi(db, scope, actor, parseRequestFilters(event.url.searchParams)))
);
