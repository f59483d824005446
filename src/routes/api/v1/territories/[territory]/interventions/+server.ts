import { apiHandler } from '$lib/server/api/api-http';
import { listInterventionsForApi, parseInterventionFilters } from '$lib/server/interventions/interventions.api.usecases';
import type { RequestHandler } from './$types';

/** Dated interventions (confirmed, done, reported) the token reaches, from today on by default, with their places. */
export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) =>
	Response.json(await listInterventionsForApi(db, scope, actor, parseInterventionFilters(event.url.searchParams)))
);
