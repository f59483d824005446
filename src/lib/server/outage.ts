import type { Handle, RequestEvent } from '@sveltejs/kit';
import { plainPageHtml } from './http/plain-page';
import { translator } from '../i18n';
import { databaseUnavailable } from './db/availability';
import { errorFields, logEvent } from './log';

/*
 * While the database cannot be reached, every request that needs it is answered 503 with
 * Retry-After: a French page for browsers, JSON for the API and for SvelteKit's own JSON
 * requests. This is the one place where that error becomes a response; nothing is cached, and
 * the next request after the database is back is served normally (the pool reconnects).
 */

/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** Requests (by their locals, one object per request) whose load, action or endpoint hit the outage. */
const hitOutage = new WeakSet<object>();

/**
 * Called by the handleError hook: true when the error is the database's outage (then logged as
 * such, and the response is turned into a 503 by `databaseOutage`).
 */
export function noteDatabaseOutage(event: RequestEvent, error: unknown): boolean {
	if (!databaseUnavailable(error)) return false;
	hitOutage.add(event.locals);
	logEvent('warn', 'database_unavailable', { route: event.route.id ?? 'unmatched', ...errorFields(error) });
	return true;
}

/** The error returned by handleError for an outage (App.Error): rendered by +error.svelte. */
export function outageError(locale: App.Locals['locale'] | undefined): App.Error {
	return { message: translator(locale ?? 'fr')('outage.message'), code: 'database_unavailable' };
}

/** First handle of the sequence: errors thrown by later handles, and errors noted by handleError, become the 503. */
export const databaseOutage: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		if (!noteDatabaseOutage(event, e)) throw e;
		return outageResponse(event);
	}
	return hitOutage.has(event.locals) ? outageResponse(event, response) : response;
};

function wantsJson(event: RequestEvent): boolean {
	const accept = event.request.headers.get('accept') ?? '';
	return event.isDataRequest || event.request.headers.has('x-sveltekit-action') || (accept.includes('application/json') && !accept.includes('text/html'));
}

function outageResponse(event: RequestEvent, rendered?: Response): Response {
	const locale = event.locals.locale ?? 'fr';
	const t = translator(locale);
	const headers = new Headers({
		'Retry-After': String(RETRY_AFTER_SECONDS),
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		'X-Frame-Options': 'DENY',
		'Referrer-Policy': 'strict-origin-when-cross-origin',
		'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'"
	});
	if (event.url.pathname.startsWith('/api/')) {
		void rendered?.body?.cancel();
		return Response.json({ error: 'database_unavailable', message: t('outage.message') }, { status: 503, headers });
	}
	if (wantsJson(event)) {
		// SvelteKit's own JSON (client-side navigation, enhanced forms) keeps its shape: the client shows +error.svelte.
		if (rendered && rendered.headers.get('content-type')?.startsWith('application/json')) {
			rendered.headers.forEach((value, name) => {
				if (!headers.has(name)) headers.set(name, value);
			});
			return new Response(rendered.body, { status: 503, headers });
		}
		void rendered?.body?.cancel();
		return Response.json(outageError(locale), { status: 503, headers });
	}
	void rendered?.body?.cancel();
	headers.set('Content-Type', 'text/html; charset=utf-8');
	const html = plainPageHtml({
		locale,
		title: t('outage.title'),
		appName: t('app.name'),
		paragraphs: [t('outage.message'), { before: '', link: { href: '', text: t('outage.retry') } }]
	});
	return new Response(html, { status: 503, headers });
}
