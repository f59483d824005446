import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { translator } from '$lib/i18n';
import { idParam, optionalActor, scopeOf } from '$lib/server/http';
import { portraitFile } from '$lib/server/portraits/portraits.public';
import type { RequestHandler } from './$types';

/** The WebVTT captions of the player's track, while the portrait is online (or to the coordination). */
export const GET: RequestHandler = async (event) => {
	const found = await portraitFile(getApp().database.db, scopeOf(event.locals), optionalActor(event.locals), idParam(event.params.id), 'captions');
	if (!found || found.kind !== 'text') error(404, { message: translator(event.locals.locale)('portraits.not_found') });
	return new Response(found.text, { headers: { 'content-type': 'text/vtt; charset=utf-8', 'cache-control': found.cacheControl } });
};
