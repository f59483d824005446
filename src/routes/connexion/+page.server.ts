import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { signIn } from '$lib/server/accounts/accounts.usecases';
import { forwardAuthCookies } from '$lib/server/http';
import { publicAction } from '$lib/server/http/handlers';
import { safeRedirect } from '$lib/server/redirects';
import { accountRef, logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirect')));
	return { redirect: safeRedirect(url.searchParams.get('redirect')) };
};

export const actions: Actions = {
	default: publicAction(
		async ({ event, db, values }) => {
			const ip = event.getClientAddress();
			const result = await signIn(db, await getApp().auth(), values, event.request.headers, ip).catch((e: unknown) => {
				logEvent('warn', 'signin_failed', { ip, account: accountRef(values.email) });
				throw e;
			});
			forwardAuthCookies(result.headers, event.cookies);
			const next = safeRedirect(values.redirect);
			if (result.twoFactor) {
				logEvent('info', 'signin_password_ok_2fa_pending', { ip, account: accountRef(values.email) });
				redirect(303, `/connexion/2fa?redirect=${encodeURIComponent(next)}`);
			}
			logEvent('info', 'signin', { ip, account: accountRef(values.email) });
			redirect(303, next);
		},
		// Only the e-mail comes back into the form after a refusal.
		{ echo: (values) => ({ email: values.email ?? '' }) }
	)
};
