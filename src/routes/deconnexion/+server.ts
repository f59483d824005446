import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { forwardAuthCookies } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** POST only: signing out is a state change. The session is deleted server-side. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const result = await getApp()
		.auth.api.signOut({ headers: request.headers, returnHeaders: true })
		.catch(() => null);
	if (result) forwardAuthCookies(result.headers, cookies);
	redirect(303, '/');
};
