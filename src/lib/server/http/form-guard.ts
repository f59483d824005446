import type { Handle } from '@sveltejs/kit';
import { stringify } from 'devalue';
import { translator, type Locale } from '../../i18n';
import { refusalPage } from './plain-page';
import { SECRET_FIELD } from '../shared/form';
import { STREAMED_UPLOAD_ROUTES } from './streamed-upload';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Every form post of the pages is read here once before its action: a post without a form
 * Content-Type or with a body that cannot be parsed is a French 400 page (not a 500 inside the
 * action), and a NUL character in any field or file name — which PostgreSQL refuses in text — is
 * refused with a French message next to that field. The API (/api/) reads JSON and checks it in
 * api-http.ts instead.
 */
export const formGuard: Handle = async ({ event, resolve }) => {
	if (SAFE_METHODS.has(event.request.method) || event.url.pathname.startsWith('/api/')) return resolve(event);
	// A video is streamed to disk by its route (streamed-upload.ts), never read here whole.
	if (event.route.id && STREAMED_UPLOAD_ROUTES.has(event.route.id)) return resolve(event);
	const t = translator(event.locals.locale ?? 'fr');
	const type = (event.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return badForm(event.locals.locale ?? 'fr');
	let form: FormData;
	try {
		form = await event.request.clone().formData();
	} catch (e) {
		// Too large: the action answers it with its own message (e.g. the agreement PDF's limit).
		if ((e as { status?: number }).status === 413) return resolve(event);
		return badForm(event.locals.locale ?? 'fr');
	}
	const field = fieldWithNul(form);
	if (field === null) return resolve(event);
	const message = t('request.nul_character');
	if (wantsActionJson(event.request)) {
		// What `fail(400, …)` of an action gives an enhanced form: the message shows next to the field.
		const values = Object.fromEntries(
			[...form.entries()].flatMap(([name, value]) => (typeof value === 'string' && !SECRET_FIELD.test(name) ? [[name, value.replaceAll('\0', '')]] : []))
		);
		const data = stringify({ errors: { [field]: message, _form: message }, values, message: t('error.form') });
		return Response.json({ type: 'failure', status: 400, data }, { headers: { 'cache-control': 'no-store' } });
	}
	return refusalPage(400, event.locals.locale ?? 'fr', t('error.title'), t('request.nul_character_page', { field }));
};

function fieldWithNul(form: FormData): string | null {
	for (const [name, value] of form.entries()) {
		if (name.includes('\0')) return name.replaceAll('\0', '');
		if (typeof value === 'string' ? value.includes('\0') : value.name.includes('\0')) return name;
	}
	return null;
}

/** SvelteKit's own test for a form action sent by `use:enhance`. */
function wantsActionJson(request: Request): boolean {
	const accept = request.headers.get('accept') ?? '';
	return request.method === 'POST' && accept.includes('application/json') && !accept.includes('text/html');
}

function badForm(locale: Locale): Response {
	const t = translator(locale);
	return refusalPage(400, locale, t('request.bad_form_title'), t('request.bad_form'));
}
