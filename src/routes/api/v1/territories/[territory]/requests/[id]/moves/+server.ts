import { apiHandler, idempotentPost, readJsonObject } from '$lib/server/api/api-http';
import { moveRequestByApi, requestIdParam } from '$lib/server/interventions/interventions.api.usecases';
import type { RequestHandler } from './$types';

/** A coordinator's token moves a request as the board page does; the answer is the request after the move. */
export const POST: RequestHandler = apiHandler(async ({ event, scope, actor }) => {
	const id = requestIdParam(event.params.id);
	const body = await readJsonObject(event.request, 'RequestMoveInput');
	return idempotentPost(event, scope, actor, body, async (db) => ({ status: 200, body: { data: await moveRequestByApi(db, scope, actor, id, body) } }));
});
