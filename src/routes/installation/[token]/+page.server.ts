import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { completeSetup, isSetupLinkUsable } from '$lib/server/accounts/accounts.usecases';
import { failFromError, forwardAuthCookies } from '$lib/server/http';
import { formToObject } from '$lib/server/shared/form';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => ({
	usable: params.token.length <= 100 && (await isSetupLinkUsable(getApp().database.db, params.token))
});

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const { database, auth } = getApp();
		try {
			const { headers } = await completeSetup(database.db, auth, event.params.token.slice(0, 100), values);
			forwardAuthCookies(headers, event.cookies);
		} catch (e) {
			return failFromError(event.locals, e, { name: values.name ?? '', email: values.email ?? '' });
		}
		logEvent('info', 'account_created', { via: 'setup_link' });
		// Coordinators must turn on two-step verification before anything else.
		redirect(303, '/compte/securite?redirect=/');
	}
};
