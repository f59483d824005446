import { apiHandler } from '$lib/server/api/api-http';
import { listRoleModelsForApi } from '$lib/server/role-models/role-models.api.usecases';
import { parseProfileFilters } from '$lib/server/role-models/role-models.schemas';
import type { RequestHandler } from './$types';

/** The territory's role-model profiles: a coordinator's token only (the role-models policy gives partners none). */
export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) =>
	Response.json({ data: await listRoleModelsForApi(db, scope, actor, parseProfileFilters(event.url.searchParams)) })
);
