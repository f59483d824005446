import { apiHandler, readJsonObject } from '$lib/server/api/api-http';
import { ActivityNotFoundError } from '$lib/server/activities/activities.errors';
import { presentActivity } from '$lib/server/activities/activities.presenters';
import { parseExpectedVersion } from '$lib/server/activities/activities.schemas';
import { cancelActivity, getActivity, updateActivity } from '$lib/server/activities/activities.usecases';
import { parseRecordId } from '$lib/server/shared/schemas';
import type { RequestHandler } from './$types';

/** The activity id of the URL; anything but a positive integer is the same 404 as an unknown id. */
function activityId(param: string): number {
	const id = parseRecordId(param);
	if (id === null) throw new ActivityNotFoundError();
	return id;
}

export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) =>
	Response.json({ data: presentActivity(await getActivity(db, scope, actor, activityId(event.params.id))) })
);

export const PUT: RequestHandler = apiHandler(async ({ event, db, scope, actor }) => {
	const id = activityId(event.params.id);
	const body = await readJsonObject(event.request, 'ActivityUpdate');
	await updateActivity(db, scope, actor, id, parseExpectedVersion('json', body.version), body);
	return Response.json({ data: presentActivity(await getActivity(db, scope, actor, id)) });
});

export const DELETE: RequestHandler = apiHandler(async ({ event, db, scope, actor }) => {
	const id = activityId(event.params.id);
	const body = await readJsonObject(event.request, 'ActivityCancel');
	await cancelActivity(db, scope, actor, id, parseExpectedVersion('json', body.version), body);
	return Response.json({ data: presentActivity(await getActivity(db, scope, actor, id)) });
});
