import { fail } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { blockedFor, recordFailure, throttleKey } from '$lib/server/accounts/throttle';
import { config } from '$lib/server/config';
import { translator } from '$lib/i18n';
import { logEvent } from '$lib/server/log';
import { formToObject } from '$lib/server/shared/form';
import type { Actions } from './$types';

export const actions: Actions = {
	/** The same answer whether or not an account exists (no account enumeration); throttled per IP. */
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const { database, auth } = getApp();
		const ip = event.getClientAddress();
		const key = throttleKey('reset', ip);
		await recordFailure(database.db, 'reset', key);
		const wait = await blockedFor(database.db, key);
		if (wait > 0) {
			logEvent('warn', 'password_reset_throttled', { ip });
			return fail(429, { message: translator(event.locals.locale)('auth.throttled', { minutes: Math.ceil(wait / 60_000) }) });
		}
		const email = String(values.email ?? '').trim().toLowerCase().slice(0, 254);
		if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
			await auth.api.requestPasswordReset({ body: { email, redirectTo: `${config().baseURL}/mot-de-passe/nouveau` } }).catch(() => undefined);
		}
		logEvent('info', 'password_reset_requested', { ip });
		return { sent: true };
	}
};
