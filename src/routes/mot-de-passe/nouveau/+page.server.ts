import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { resetPassword } from '$lib/server/accounts/accounts.usecases';
import { failFromError } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import { formToObject } from '$lib/server/shared/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({ token: (url.searchParams.get('token') ?? '').slice(0, 200) });

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await resetPassword(getApp().auth, values);
		} catch (e) {
			return failFromError(event.locals, e, { token: values.token ?? '' });
		}
		logEvent('info', 'password_reset', { ip: event.getClientAddress() });
		redirect(303, '/connexion?reinitialise=1');
	}
};
