import { apiHandler, idempotentPost, readJsonObject } from '$lib/server/api/api-http';
import { presentActivity, presentActivityRow } from '$lib/server/activities/activities.presenters';
import { activityFiltersSchema } from '$lib/server/activities/activities.schemas';
import { parseApiQuery } from '$lib/server/api/query';
import { createActivity, getActivity, listActivities } from '$lib/server/activities/activities.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) => {
	const list = await listActivities(db, scope, actor, parseApiQuery(event.url.searchParams, activityFiltersSchema));
	return Response.json({
		data: list.rows.map(presentActivityRow),
		meta: { page: list.page, pages: list.pages, count: list.count, participations: list.participations }
	});
});

export const POST: RequestHandler = apiHandler(async ({ event, scope, actor }) => {
	const body = await readJsonObject(event.request, 'ActivityInput');
	return idempotentPost(event, scope, actor, body, async (db) => {
		const row = await createActivity(db, scope, actor, body, { source: 'api' });
		return { status: 201, body: { data: presentActivity(await getActivity(db, scope, actor, row.id)) }, location: `${event.url.pathname}/${row.id}` };
	});
});
