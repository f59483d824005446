import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { pendingTwoFactorSetup, startTwoFactorSetup, verifyTotpCode } from '$lib/server/accounts/accounts.usecases';
import { failFromError, forwardAuthCookies, requireUser } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import { safeRedirect } from '$lib/server/redirects';
import { formToObject } from '$lib/server/shared/form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const redirectTo = event.url.searchParams.get('redirect');
	const { database, auth } = getApp();
	// A setup in progress is shown again, backup codes included, until a code confirms it.
	const setup = user.twoFactorEnabled ? null : await pendingTwoFactorSetup(database.db, auth, user);
	return { twoFactorEnabled: user.twoFactorEnabled, setup, redirect: safeRedirect(redirectTo, '/compte'), required: redirectTo !== null };
};

async function start(event: RequestEvent, restart: boolean) {
	const user = requireUser(event);
	const values = formToObject(await event.request.formData());
	const { database, auth } = getApp();
	try {
		const { headers } = await startTwoFactorSetup(database.db, auth, user, values, event.request.headers, { restart });
		if (headers) forwardAuthCookies(headers, event.cookies);
	} catch (e) {
		return failFromError(event.locals, e, { redirect: safeRedirect(values.redirect, '/compte') });
	}
	return { redirect: safeRedirect(values.redirect, '/compte') };
}

export const actions: Actions = {
	/** Step 1: the password confirms it is her; the page then shows the secret, its QR code and the backup codes. */
	enable: async (event) => start(event, false),
	/** Starts again with a new secret (the previous one is dropped), only when she asks. */
	restart: async (event) => start(event, true),
	/** Step 2: a first code proves the app is set up; two-factor is then on. */
	verify: async (event) => {
		requireUser(event);
		const values = formToObject(await event.request.formData());
		const { database, auth } = getApp();
		try {
			const { headers } = await verifyTotpCode(database.db, auth, values, event.request.headers, { allowBackupCode: false });
			forwardAuthCookies(headers, event.cookies);
		} catch (e) {
			return failFromError(event.locals, e, { redirect: safeRedirect(values.redirect, '/compte') });
		}
		logEvent('info', 'two_factor_enabled', { user: event.locals.user?.id });
		redirect(303, safeRedirect(values.redirect, '/compte'));
	}
};
