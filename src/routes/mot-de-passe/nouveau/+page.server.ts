import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { resetPassword } from '$lib/server/accounts/accounts.usecases';
import { publicAction } from '$lib/server/http/handlers';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({ token: (url.searchParams.get('token') ?? '').slice(0, 200) });

export const actions: Actions = {
	default: publicAction(
		async ({ event, values }) => {
			await resetPassword(await getApp().auth(), values);
			logEvent('info', 'password_reset', { ip: event.getClientAddress() });
			redirect(303, '/connexion?reinitialise=1');
		},
		// The link's token goes back into the form (it came from the address she followed) so that she can try again; passwords never do.
		{ echo: (values) => ({ token: values.token ?? '' }) }
	)
};
