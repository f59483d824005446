import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { signIn } from '$lib/server/accounts/accounts.usecases';
import { failFromError, forwardAuthCookies } from '$lib/server/http';
import { safeRedirect } from '$lib/server/redirects';
import { formToObject } from '$lib/server/shared/form';
import { accountRef, logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirect')));
	return { redirect: safeRedirect(url.searchParams.get('redirect')) };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const ip = event.getClientAddress();
		const { database, auth } = getApp();
		let twoFactor = false;
		try {
			const result = await signIn(database.db, auth, values, event.request.headers, ip);
			forwardAuthCookies(result.headers, event.cookies);
			twoFactor = result.twoFactor;
		} catch (e) {
			logEvent('warn', 'signin_failed', { ip, account: accountRef(values.email) });
			return failFromError(event.locals, e, { email: values.email ?? '' });
		}
		const next = safeRedirect(values.redirect);
		if (twoFactor) {
			logEvent('info', 'signin_password_ok_2fa_pending', { ip, account: accountRef(values.email) });
			redirect(303, `/connexion/2fa?redirect=${encodeURIComponent(next)}`);
		}
		logEvent('info', 'signin', { ip, account: accountRef(values.email) });
		redirect(303, next);
	}
};
