import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { totpSchema } from '$lib/server/accounts/accounts.schemas';
import { failFromError, forwardAuthCookies } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import { safeRedirect } from '$lib/server/redirects';
import { ValidationError } from '$lib/server/shared/errors';
import { formToObject, toFieldErrors } from '$lib/server/shared/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({ redirect: safeRedirect(url.searchParams.get('redirect')) });

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			const parsed = totpSchema.safeParse(values);
			if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
			const result = await getApp()
				.auth.api.verifyTOTP({ body: { code: parsed.data.code }, headers: event.request.headers, returnHeaders: true })
				.catch(() => null);
			if (!result) throw new ValidationError({ code: { key: 'auth.totp_invalid' } });
			forwardAuthCookies(result.headers, event.cookies);
		} catch (e) {
			logEvent('warn', 'signin_2fa_failed', { ip: event.getClientAddress() });
			return failFromError(event.locals, e, {});
		}
		logEvent('info', 'signin', { ip: event.getClientAddress(), twoFactor: true });
		redirect(303, safeRedirect(values.redirect));
	}
};
