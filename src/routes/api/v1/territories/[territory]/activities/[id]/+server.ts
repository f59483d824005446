import type { RequestEvent } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { apiErrorResponse, authorizeToken, presentActivity, readJsonObject } from '$lib/server/api/api-http';
import { NotFoundError } from '$lib/server/shared/errors';
import { cancelActivity, getActivity, updateActivity } from '$lib/server/activities/activities.usecases';
import { versionOf } from '$lib/server/tokens/tokens.schemas';
import type { RequestHandler } from './$types';

/** Bearer token only, never the session cookie: a browser cannot be tricked into sending it (no CSRF). */
async function tokenActor(event: RequestEvent<{ territory: string; id: string }>) {
	const { scope, actor } = await authorizeToken(event);
	const id = Number(event.params.id);
	if (!/^\d{1,9}$/.test(event.params.id) || id <= 0) throw new NotFoundError('activities.not_found');
	return { scope, actor, id };
}

export const GET: RequestHandler = async (event) => {
	try {
		const { scope, actor, id } = await tokenActor(event);
		return Response.json({ data: presentActivity(await getActivity(getApp().database.db, scope, actor, id)) });
	} catch (e) {
		return apiErrorResponse(e);
	}
};

export const PUT: RequestHandler = async (event) => {
	try {
		const { scope, actor, id } = await tokenActor(event);
		const db = getApp().database.db;
		const body = await readJsonObject(event.request, 'ActivityUpdate');
		await updateActivity(db, scope, actor, id, versionOf(body), body);
		return Response.json({ data: presentActivity(await getActivity(db, scope, actor, id)) });
	} catch (e) {
		return apiErrorResponse(e);
	}
};

export const DELETE: RequestHandler = async (event) => {
	try {
		const { scope, actor, id } = await tokenActor(event);
		const db = getApp().database.db;
		const body = await readJsonObject(event.request, 'ActivityCancel');
		await cancelActivity(db, scope, actor, id, versionOf(body), body);
		return Response.json({ data: presentActivity(await getActivity(db, scope, actor, id)) });
	} catch (e) {
		return apiErrorResponse(e);
	}
};
