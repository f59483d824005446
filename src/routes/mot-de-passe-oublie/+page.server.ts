import { getApp } from '$lib/server/app';
import { config } from '$lib/server/config';
import { logEvent } from '$lib/server/log';
import { formToObject } from '$lib/server/shared/form';
import type { Actions } from './$types';

export const actions: Actions = {
	/** The same answer whether or not an account exists: no account enumeration. */
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const email = String(values.email ?? '').trim().toLowerCase().slice(0, 254);
		if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
			await getApp()
				.auth.api.requestPasswordReset({ body: { email, redirectTo: `${config().baseURL}/mot-de-passe/nouveau` } })
				.catch(() => undefined);
		}
		logEvent('info', 'password_reset_requested', { ip: event.getClientAddress() });
		return { sent: true };
	}
};
