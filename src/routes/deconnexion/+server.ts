import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { forwardAuthCookies } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import type { RequestHandler } from './$types';

/** POST only: signing out is a state change. The session is deleted server-side. */
export const POST: RequestHandler = async ({ request, cookies, locals, setHeaders }) => {
	const result = await getApp()
		.auth.api.signOut({ headers: request.headers, returnHeaders: true })
		.catch(() => null);
	if (result) forwardAuthCookies(result.headers, cookies);
	logEvent('info', 'signout', { user: locals.user?.id });
	setHeaders({ 'Clear-Site-Data': '"cache", "storage"' });
	redirect(303, '/');
};
