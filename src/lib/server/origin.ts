import type { Handle } from '@sveltejs/kit';
import { pickLocale, translator } from '../i18n';
import { config, trustedOrigins } from './config';
import { plainPage } from './http/plain-page';
import { logEvent } from './log';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** The content types a page of another site can send without the browser asking us first (CORS "simple" requests). */
function isFormSubmission(request: Request): boolean {
	if (!UNSAFE.has(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
	return type !== undefined && FORM_TYPES.includes(type);
}

/**
 * A call to the API with a bearer token: a page of another site cannot add an Authorization header
 * to a form it submits, and the API never reads the session cookie (api-http.ts), so there is no
 * forgery to fear. Such a call gets the API's own JSON answers (415 for a body that is not JSON).
 */
function isBearerApiCall(event: { url: URL; request: Request }): boolean {
	return event.url.pathname.startsWith('/api/') && /^Bearer\s/i.test(event.request.headers.get('authorization') ?? '');
}

/**
 * Cross-site request forgery: a form submission is accepted only from a trusted origin
 * (config.trustedOrigins: ORIGIN, or this machine's loopback addresses when ORIGIN is not set).
 * It replaces SvelteKit's own check (disabled in svelte.config.js), which compares with a single
 * origin and answers in English; the refusal here says, in the visitor's language, what to do.
 */
export const sameOriginForms: Handle = async ({ event, resolve }) => {
	if (!isFormSubmission(event.request) || isBearerApiCall(event)) return resolve(event);
	const origin = event.request.headers.get('origin');
	const trusted = trustedOrigins();
	if (origin && trusted.includes(origin)) return resolve(event);
	logEvent('warn', 'cross_origin_form_refused', { route: event.route.id ?? 'unmatched', origin: (origin ?? 'none').slice(0, 200) });
	const locale = pickLocale(event.cookies.get('lang'));
	const t = translator(locale);
	const [refused, openTrusted, setOrigin] = [t('origin.refused'), t('origin.open_trusted', { origin: config().baseURL }), t('origin.set_origin')];
	const accept = event.request.headers.get('accept') ?? '';
	// The API answers in JSON only, whatever the client accepts.
	if (event.url.pathname.startsWith('/api/') || (accept.includes('application/json') && !accept.includes('text/html'))) {
		return Response.json({ error: 'origin_refused', message: `${refused} ${openTrusted} ${setOrigin}` }, { status: 403 });
	}
	const [before, after] = t('origin.open_trusted', { origin: '\u0000' }).split('\u0000');
	const link = { href: `${config().baseURL}/`, text: config().baseURL };
	return plainPage(403, {
		locale,
		title: t('origin.refused_title'),
		appName: t('app.name'),
		paragraphs: [refused, { before: before ?? '', link, after }, setOrigin]
	});
};
