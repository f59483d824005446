import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { translator } from '$lib/i18n';
import { serveFile } from '$lib/server/http/file-response';
import { authorize, idParam } from '$lib/server/http';
import { portraitFile } from '$lib/server/portraits/portraits.public';
import type { RequestHandler } from './$types';

/** The signed consent form: the coordination only. */
export const GET: RequestHandler = async (event) => {
	const { scope, actor } = await authorize(event, 'portrait.manage');
	const found = await portraitFile(getApp().database.db, scope, actor, idParam(event.params.id), 'consentForm');
	if (!found || found.kind !== 'file') error(404, { message: translator(event.locals.locale)('error.not_found') });
	return serveFile(event.request, { ...found, disposition: `inline; filename="consentement-portrait-${event.params.id}.pdf"` });
};
