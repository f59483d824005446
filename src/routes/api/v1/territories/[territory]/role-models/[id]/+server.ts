import { apiHandler } from '$lib/server/api/api-http';
import { getRoleModelForApi, roleModelIdParam } from '$lib/server/role-models/role-models.api.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) =>
	Response.json({ data: await getRoleModelForApi(db, scope, actor, roleModelIdParam(event.params.id)) })
);
