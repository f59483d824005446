import { getApp } from '$lib/server/app';
import { presentPlan } from '$lib/server/api/presenters';
import { scopeOf } from '$lib/server/http';
import { getPlanOverview } from '$lib/server/plan/plan.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) =>
	Response.json({ data: presentPlan(await getPlanOverview(getApp().database.db, scopeOf(locals))) });
