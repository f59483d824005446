import { fail } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requestPasswordReset } from '$lib/server/accounts/accounts.usecases';
import { config } from '$lib/server/config';
import { translator } from '$lib/i18n';
import { publicAction } from '$lib/server/http/handlers';
import { logEvent } from '$lib/server/log';
import type { Actions } from './$types';

export const actions: Actions = {
	/** The same answer whether or not an account exists (no account enumeration); throttled per IP. */
	default: publicAction(async ({ event, db, values }) => {
		const ip = event.getClientAddress();
		const result = await requestPasswordReset(db, await getApp().auth(), values, ip, config().baseURL);
		if (!result.sent) {
			logEvent('warn', 'password_reset_throttled', { ip });
			return fail(429, { message: translator(event.locals.locale)('auth.throttled', { minutes: Math.ceil(result.waitMs / 60_000) }) });
		}
		logEvent('info', 'password_reset_requested', { ip });
		return { sent: true };
	})
};
