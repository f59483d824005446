import { getApp } from '$lib/server/app';
import { apiErrorResponse, authorizeToken, presentActivity, readJsonObject } from '$lib/server/api/api-http';
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
		const db = getApp().database.db;
		const row = await createActivity(db, scope, actor, await readJsonObject(event.request), { source: 'api' });
		return Response.json(
			{ data: presentActivity(await getActivity(db, scope, row.id, actor)) },
			{ status: 201, headers: { Location: `${event.url.pathname}/${row.id}` } }
		);
	} catch (e) {
		return apiErrorResponse(e);
	}
};
