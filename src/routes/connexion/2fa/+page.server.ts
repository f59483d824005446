import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { verifyTotpCode } from '$lib/server/accounts/accounts.usecases';
import { failFromError, forwardAuthCookies } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import { safeRedirect } from '$lib/server/redirects';
import { formToObject } from '$lib/server/shared/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({ redirect: safeRedirect(url.searchParams.get('redirect')) });

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			const { database, auth } = getApp();
			const { headers } = await verifyTotpCode(database.db, auth, values, event.request.headers);
			forwardAuthCookies(headers, event.cookies);
		} catch (e) {
			logEvent('warn', 'signin_2fa_failed', { ip: event.getClientAddress() });
			return failFromError(event.locals, e, {});
		}
		logEvent('info', 'signin', { ip: event.getClientAddress(), twoFactor: true });
		redirect(303, safeRedirect(values.redirect));
	}
};
