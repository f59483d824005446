import { apiHandler } from '$lib/server/api/api-http';
import { listRoleModelsForApi } from '$lib/server/role-models/role-models.api.usecases';
import { parseApiQuery } from '$lib/server/api/query';
import { profileFiltersSchema } from '$lib/server/role-models/role-models.schemas';
import { z } from 'zod';
import type { RequestHandler } from './$types';

/** `inactive=1` only: the page's filter reads any other value as "no", the API says it is not one. */
const inactive = z.literal('1').transform(() => true);

/** The territory's role-model profiles: a coordinator's token only (the role-models policy gives partners none). */
export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) =>
	Response.json({ data: await listRoleModelsForApi(db, scope, actor, parseApiQuery(event.url.searchParams, profileFiltersSchema, { inactive })) })
);
