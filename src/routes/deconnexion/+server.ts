import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { signOut } from '$lib/server/accounts/accounts.usecases';
import { forwardAuthCookies } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import type { RequestHandler } from './$types';

/** POST only: signing out is a state change. The session is deleted server-side. */
export const POST: RequestHandler = async ({ request, cookies, locals, setHeaders }) => {
	const { headers } = await signOut(await getApp().auth(), request.headers);
	if (headers) forwardAuthCookies(headers, cookies);
	logEvent('info', 'signout', { user: locals.user?.id });
	setHeaders({ 'Clear-Site-Data': '"cache", "storage"' });
	redirect(303, '/');
};
