import type { Handle } from '@sveltejs/kit';
import { translator } from '../../i18n';
import { refusalPage } from './plain-page';

/**
 * SvelteKit answers a method a route does not export with an English "POST method not allowed"
 * text of its own, after every hook has run: rewritten here in French — JSON for the API, a page
 * otherwise — keeping its Allow header.
 */
export const frenchRefusals: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (response.status !== 405) return response;
	const t = translator(event.locals.locale ?? 'fr');
	const allow = response.headers.get('allow') ?? '';
	const message = t('request.method_not_allowed', { method: event.request.method, allow: allow || '—' });
	const headers: Record<string, string> = allow ? { allow } : {};
	if (event.url.pathname.startsWith('/api/')) return Response.json({ error: 'method_not_allowed', message }, { status: 405, headers });
	return refusalPage(405, event.locals.locale ?? 'fr', t('error.title'), message, headers);
};
