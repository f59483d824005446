import { getApp } from '$lib/server/app';
import { apiErrorResponse, authorizeToken, idempotentPost, presentActivity, readJsonObject } from '$lib/server/api/api-http';
import { parseActivityFilters } from '$lib/server/activities/activities.schemas';
import { getActivity, listActivities, createActivity } from '$lib/server/activities/activities.usecases';
import type { RequestHandler } from './$types';

/** Bearer token only, never the session cookie: a browser cannot be tricked into sending it (no CSRF). */

export const GET: RequestHandler = async (event) => {
	try {
		const { scope, actor } = await authorizeToken(event);
		const list = await listActivities(getApp().database.db, scope, actor, parseActivityFilters(event.url.searchParams));
		return Response.json({
			data: list.rows.map((r) => ({
				id: r.id,
				initiativeId: r.initiativeId,
				type: r.type,
				title: r.title,
				date: r.date,
				communeCode: r.communeCode,
				hostOrganisationId: r.hostOrganisationId,
				status: r.status,
				participations: r.participations
			})),
			meta: { page: list.page, pages: list.pages, count: list.count, participations: list.participations }
		});
	} catch (e) {
		return apiErrorResponse(e);
	}
};

export const POST: RequestHandler = async (event) => {
	try {
		const { scope, actor } = await authorizeToken(event);
		const body = await readJsonObject(event.request, 'ActivityInput');
		return await idempotentPost(event, scope, actor, body, async (db) => {
			const row = await createActivity(db, scope, actor, body, { source: 'api' });
			return { status: 201, body: { data: presentActivity(await getActivity(db, scope, actor, row.id)) }, location: `${event.url.pathname}/${row.id}` };
		});
	} catch (e) {
		return apiErrorResponse(e);
	}
};
