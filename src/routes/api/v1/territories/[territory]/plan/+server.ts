import { publicApiHandler, requireScope } from '$lib/server/api/api-http';
import { presentPlan } from '$lib/server/api/presenters';
import { getPlanOverview } from '$lib/server/plan/plan.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = publicApiHandler(async ({ event, db }) =>
	Response.json({ data: presentPlan(await getPlanOverview(db, requireScope(event))) })
);
