import { getApp } from '$lib/server/app';
import { idParam, scopeOf } from '$lib/server/http';
import { recordPlay } from '$lib/server/portraits/portraits.public';
import type { RequestHandler } from './$types';

/**
 * One play of a public video (the page sends it once when the player starts): counted per day as
 * indirect exposure. No cookie is read or set, nothing about the viewer is kept.
 */
export const POST: RequestHandler = async (event) => {
	await recordPlay(getApp().database.db, scopeOf(event.locals), idParam(event.params.id));
	return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
};
