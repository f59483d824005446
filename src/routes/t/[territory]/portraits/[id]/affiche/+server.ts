import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { translator } from '$lib/i18n';
import { serveFile } from '$lib/server/http/file-response';
import { idParam, optionalActor, scopeOf } from '$lib/server/http';
import { portraitFile } from '$lib/server/portraits/portraits.public';
import type { RequestHandler } from './$types';

/** The poster image, while the portrait is online (or to the coordination). */
export const GET: RequestHandler = async (event) => {
	const found = await portraitFile(getApp().database.db, scopeOf(event.locals), optionalActor(event.locals), idParam(event.params.id), 'poster');
	if (!found || found.kind !== 'file') error(404, { message: translator(event.locals.locale)('portraits.not_found') });
	return serveFile(event.request, found);
};
