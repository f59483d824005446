import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { pendingTwoFactorSetup, startTwoFactorSetup, verifyTotpCode } from '$lib/server/accounts/accounts.totp';
import { forwardAuthCookies, requireUser } from '$lib/server/http';
import { accountAction } from '$lib/server/http/handlers';
import { logEvent } from '$lib/server/log';
import { safeRedirect } from '$lib/server/redirects';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const redirectTo = event.url.searchParams.get('redirect');
	// A setup in progress is shown again, backup codes included, until a code confirms it.
	const setup = user.twoFactorEnabled ? null : await pendingTwoFactorSetup(getApp().database.db, await getApp().auth(), user);
	return { twoFactorEnabled: user.twoFactorEnabled, setup, redirect: safeRedirect(redirectTo, '/compte'), required: redirectTo !== null };
};

/** After a refusal the form only keeps where to go next (a password or a code is never echoed). */
const echoRedirect = (values: Record<string, string>) => ({ redirect: safeRedirect(values.redirect, '/compte') });

const start = (restart: boolean) =>
	accountAction(
		async ({ event, db, user, values }) => {
			const { headers } = await startTwoFactorSetup(db, await getApp().auth(), user, values, event.request.headers, { restart });
			if (headers) forwardAuthCookies(headers, event.cookies);
			return { redirect: safeRedirect(values.redirect, '/compte') };
		},
		{ echo: echoRedirect }
	);

export const actions: Actions = {
	/** Step 1: the password confirms it is her; the page then shows the secret, its QR code and the backup codes. */
	enable: start(false),
	/** Starts again with a new secret (the previous one is dropped), only when she asks. */
	restart: start(true),
	/** Step 2: a first code proves the app is set up; two-factor is then on. */
	verify: accountAction(
		async ({ event, db, user, values }) => {
			const { headers } = await verifyTotpCode(db, await getApp().auth(), values, event.request.headers, { allowBackupCode: false });
			forwardAuthCookies(headers, event.cookies);
			logEvent('info', 'two_factor_enabled', { user: user.id });
			redirect(303, safeRedirect(values.redirect, '/compte'));
		},
		{ echo: echoRedirect }
	)
};
