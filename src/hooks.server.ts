import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { pickLocale, translator } from '$lib/i18n';
import { getApp, startApp, stopApp } from '$lib/server/app';
import { keepSessionAlive, loadPrincipal } from '$lib/server/accounts/accounts.usecases';
import { hasSessionCookie } from '$lib/server/accounts/auth-cookies';
import { findTerritoryBySlug } from '$lib/server/territories/territories.repository';
import { DataDirLockedError } from '$lib/server/db/lock';
import { errorFields, logEvent } from '$lib/server/log';
import { databaseOutage, noteDatabaseOutage, outageError } from '$lib/server/outage';
import { isDatabaseUnavailable } from '$lib/server/db/availability';
import { sameOriginForms } from '$lib/server/origin';
import { startControlServer } from '$lib/server/control-socket';
import { formGuard } from '$lib/server/http/form-guard';
import { frenchRefusals } from '$lib/server/http/french-refusals';
import { sendNosniffWithEveryResponse } from '$lib/server/http/static-headers';
import { compress } from '$lib/server/compression';
import { publicCache } from '$lib/server/http/public-cache';
import { publicPageKind } from '$lib/server/http/public-pages';
import { eventLoopReport } from '$lib/server/http/event-loop-report';

export const init: ServerInit = async () => {
	sendNosniffWithEveryResponse();
	let app;
	try {
		app = await startApp();
	} catch (e) {
		if (e instanceof DataDirLockedError) {
			console.error(e.message);
			process.exit(3);
		}
		throw e;
	}
	// On the embedded database no other process may open the data dir: `mixite` commands reach us here.
	const control = app.database.kind === 'pglite' ? await startControlServer() : null;
	// adapter-node emits this once the HTTP server has drained its requests (SIGTERM, SIGINT).
	process.once('sveltekit:shutdown', () => {
		void (control?.stop() ?? Promise.resolve())
			.then(() => stopApp())
			.then(() => {
				logEvent('info', 'shutdown', { database: 'closed' });
				(process as NodeJS.EventEmitter).emit('mixite:stopped');
			});
	});
};

/** 1. session → roles */
const session: Handle = async ({ event, resolve }) => {
	const { auth, database } = getApp();
	event.locals.locale = pickLocale(event.cookies.get('lang'));
	event.locals.user = null;
	event.locals.principal = null;
	if (!hasSessionCookie(event.request.headers.get('cookie'))) return resolve(event);
	// An unreadable session is no session, unless the database is down: then the 503, not a signed-out page.
	const found = await (await auth()).api.getSession({ headers: event.request.headers }).catch((e: unknown) => {
		if (isDatabaseUnavailable(e)) throw e;
		return null;
	});
	const current = found && (await keepSessionAlive(database.db, found.session)) ? found : null;
	if (found && !current) logEvent('info', 'session_idle_timeout', { user: found.user.id });
	const principal = current ? await loadPrincipal(database.db, current.user.id) : null;
	if (current && principal) {
		event.locals.user = {
			id: current.user.id,
			name: current.user.name,
			email: current.user.email,
			twoFactorEnabled: Boolean((current.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled),
			emailVerified: current.user.emailVerified
		};
		event.locals.principal = principal;
	}
	return resolve(event);
};

/** 2. territory scope, computed once from the URL; an unknown territory leaves it null and scopeOf() answers 404. */
const territoryScope: Handle = async ({ event, resolve }) => {
	event.locals.territory = null;
	event.locals.scope = null;
	const slug = event.params.territory;
	if (slug) {
		const territory = /^[a-z0-9-]{1,80}$/.test(slug) ? await findTerritoryBySlug(getApp().database.db, slug) : null;
		if (territory) {
			event.locals.territory = {
				id: territory.id,
				slug: territory.slug,
				name: territory.name,
				demoLoaded: territory.demoLoaded,
				archived: territory.archivedAt !== null
			};
			event.locals.scope = { territoryId: territory.id };
		}
	}
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale) });
};

/** 3. security headers and a log line per request (route template, never tokens or query strings). */
const headersAndLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	headers.set('X-Frame-Options', 'DENY');
	// No page uses these powerful features; a cross-origin window opened from here gets no handle on it.
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
	// A cross-origin window gets no handle on a page that shows somebody's account or data. A public page
	// read by a visitor without a session shows nothing of anybody: there it is left out, as the opener
	// policy makes Chromium start a new renderer on arrival (~300 ms of blocking time on a phone, decision 0010).
	const sameForEverybody = publicPageKind(event.route.id) !== null && !event.locals.user;
	if (!sameForEverybody) headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	// Pages get SvelteKit's full CSP; downloads and JSON must not be framed either.
	// Not on a 304: its headers update the cached page's, whose own CSP must stay (see static-headers.ts).
	if (response.status !== 304 && !headers.has('content-security-policy')) headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
	const type = headers.get('content-type');
	if (type === 'text/html') headers.set('content-type', 'text/html; charset=utf-8');
	// Pages of a signed-in person hold personal or accounting data: never stored by caches.
	if (event.locals.user && !headers.has('cache-control')) headers.set('Cache-Control', 'private, no-store');
	if (event.url.protocol === 'https:') headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	logEvent('info', 'request', {
		method: event.request.method,
		route: event.route.id ?? 'unmatched',
		status: response.status,
		ms: Math.round(performance.now() - started)
	});
	return response;
};

// publicCache first: it keeps the pages as the other hooks made them (compressed, with their headers). Decision 0012.
export const handle = sequence(
	eventLoopReport,
	publicCache,
	compress,
	databaseOutage,
	session,
	territoryScope,
	headersAndLog,
	frenchRefusals,
	sameOriginForms,
	formGuard
);

export const handleError: HandleServerError = ({ error: e, event, status }) => {
	if (noteDatabaseOutage(event, e)) return outageError(event.locals.locale);
	// errorFields: never the failed SQL nor its values (titles, e-mail addresses, token hashes).
	if (status !== 404) logEvent('error', 'unhandled', { route: event.route.id ?? 'unmatched', status, ...errorFields(e) });
	const t = translator(event.locals.locale ?? 'fr');
	return { message: status === 404 ? t('error.not_found') : t('error.generic') };
};
