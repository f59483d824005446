import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { signIn } from '$lib/server/accounts/accounts.usecases';
import { failFromError, forwardAuthCookies } from '$lib/server/http';
import { safeRedirect } from '$lib/server/redirects';
import { formToObject } from '$lib/server/shared/form';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirect')));
	return { redirect: safeRedirect(url.searchParams.get('redirect')) };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			const { headers } = await signIn(getApp().auth, values, event.request.headers);
			forwardAuthCookies(headers, event.cookies);
		} catch (e) {
			logEvent('warn', 'signin_failed', { ip: event.getClientAddress() });
			return failFromError(event.locals, e, { email: values.email ?? '' });
		}
		logEvent('info', 'signin', { ip: event.getClientAddress() });
		redirect(303, safeRedirect(values.redirect));
	}
};
