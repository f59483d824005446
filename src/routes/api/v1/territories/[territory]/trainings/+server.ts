import { publicApiHandler, requireScope } from '$lib/server/api/api-http';
import { parseApiQuery } from '$lib/server/api/query';
import { trainingFiltersSchema } from '$lib/server/trainings/trainings.schemas';
import { listTrainingsForApi } from '$lib/server/trainings/trainings.usecases';
import type { RequestHandler } from './$types';

/** Public: the territory's trainings and the jobs they lead to, by title; the page's filters, read strictly. */
export const GET: RequestHandler = publicApiHandler(async ({ event, db }) =>
	Response.json({ data: await listTrainingsForApi(db, requireScope(event), parseApiQuery(event.url.searchParams, trainingFiltersSchema)) })
);
