import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { resetPasswordSchema } from '$lib/server/accounts/accounts.schemas';
import { failFromError } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import { ValidationError } from '$lib/server/shared/errors';
import { formToObject, toFieldErrors } from '$lib/server/shared/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({ token: (url.searchParams.get('token') ?? '').slice(0, 200) });

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			const parsed = resetPasswordSchema.safeParse(values);
			if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
			const ok = await getApp()
				.auth.api.resetPassword({ body: { newPassword: parsed.data.password, token: String(values.token ?? '').slice(0, 200) } })
				.then(() => true)
				.catch(() => false);
			if (!ok) throw new ValidationError({ _form: { key: 'reset.invalid' } });
		} catch (e) {
			return failFromError(event.locals, e, { token: values.token ?? '' });
		}
		logEvent('info', 'password_reset', { ip: event.getClientAddress() });
		redirect(303, '/connexion?reinitialise=1');
	}
};
