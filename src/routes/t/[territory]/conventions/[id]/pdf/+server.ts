import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { authorize, idParam } from '$lib/server/http';
import { NotFoundError } from '$lib/server/shared/errors';
import { getAgreementFile } from '$lib/server/agreements/agreements.usecases';
import type { RequestHandler } from './$types';

/** RFC 6266: an ASCII fallback for old clients, the exact UTF-8 name for the others. */
function attachment(name: string): string {
	const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').trim() || 'convention.pdf';
	const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const GET: RequestHandler = async (event) => {
	const { scope, principal } = await authorize(event, 'agreement.read');
	// The same French 404 whether the id is malformed, unknown or another territory's (SvelteKit's bare 404 says "Not Found").
	const notFound = () => error(404, { message: translator(event.locals.locale)('error.not_found') });
	const id = /^[1-9]\d{0,8}$/.test(event.params.id) ? idParam(event.params.id) : notFound();
	const file = await getAgreementFile(getApp().database.db, scope, principal, id).catch((e) => {
		if (e instanceof NotFoundError) notFound();
		throw e;
	});
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': attachment(file.name),
			'content-length': String(file.size),
			'cache-control': 'private, no-store'
		}
	});
};
