import { apiHandler } from '$lib/server/api/api-http';
import { getRequestForApi, requestIdParam } from '$lib/server/interventions/interventions.api.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) =>
	Response.json({ data: await getRequestForApi(db, scope, actor, requestIdParam(event.params.id)) })
);
