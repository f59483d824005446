import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { verifyTotpCode } from '$lib/server/accounts/accounts.usecases';
import { failFromError, forwardAuthCookies, requireUser } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import { safeRedirect } from '$lib/server/redirects';
import { ValidationError } from '$lib/server/shared/errors';
import { formToObject } from '$lib/server/shared/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const redirectTo = event.url.searchParams.get('redirect');
	return { twoFactorEnabled: user.twoFactorEnabled, redirect: safeRedirect(redirectTo, '/compte'), required: redirectTo !== null };
};

export const actions: Actions = {
	/** Step 1: the password confirms it is her; better-auth returns the TOTP secret and backup codes once. */
	enable: async (event) => {
		requireUser(event);
		const values = formToObject(await event.request.formData());
		const result = await getApp()
			.auth.api.enableTwoFactor({ body: { password: String(values.password ?? '').slice(0, 256) }, headers: event.request.headers, returnHeaders: true })
			.catch(() => null);
		if (!result || !('totpURI' in result.response)) return failFromError(event.locals, new ValidationError({ password: { key: 'auth.invalid' } }));
		forwardAuthCookies(result.headers, event.cookies);
		const { totpURI, backupCodes } = result.response;
		return { totpURI, secret: new URL(totpURI).searchParams.get('secret'), backupCodes, redirect: safeRedirect(values.redirect, '/compte') };
	},
	/** Step 2: a first code proves the app is set up; two-factor is then on. */
	verify: async (event) => {
		requireUser(event);
		const values = formToObject(await event.request.formData());
		try {
			const { headers } = await verifyTotpCode(getApp().auth, values, event.request.headers, { allowBackupCode: false });
			forwardAuthCookies(headers, event.cookies);
		} catch (e) {
			return failFromError(event.locals, e, { totpURI: values.totpURI ?? '', secret: values.secret ?? '', redirect: safeRedirect(values.redirect, '/compte') });
		}
		logEvent('info', 'two_factor_enabled', { user: event.locals.user?.id });
		redirect(303, safeRedirect(values.redirect, '/compte'));
	}
};
