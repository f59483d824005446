import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { verifyTotpCode } from '$lib/server/accounts/accounts.totp';
import { forwardAuthCookies } from '$lib/server/http';
import { publicAction } from '$lib/server/http/handlers';
import { logEvent } from '$lib/server/log';
import { safeRedirect } from '$lib/server/redirects';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({ redirect: safeRedirect(url.searchParams.get('redirect')) });

export const actions: Actions = {
	default: publicAction(
		async ({ event, db, values }) => {
			const { headers } = await verifyTotpCode(db, await getApp().auth(), values, event.request.headers).catch((e: unknown) => {
				logEvent('warn', 'signin_2fa_failed', { ip: event.getClientAddress() });
				throw e;
			});
			forwardAuthCookies(headers, event.cookies);
			logEvent('info', 'signin', { ip: event.getClientAddress(), twoFactor: true });
			redirect(303, safeRedirect(values.redirect));
		},
		{ echo: () => ({}) }
	)
};
