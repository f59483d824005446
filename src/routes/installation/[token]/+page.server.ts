import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { completeSetup, setupLinkPurpose } from '$lib/server/accounts/accounts.usecases';
import { forwardAuthCookies } from '$lib/server/http';
import { publicAction } from '$lib/server/http/handlers';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const purpose = params.token.length <= 100 ? await setupLinkPurpose(getApp().database.db, params.token) : null;
	return { usable: purpose !== null, purpose };
};

export const actions: Actions = {
	default: publicAction(async ({ event, db, values }) => {
		const { headers } = await completeSetup(db, await getApp().auth(), event.params.token.slice(0, 100), values);
		forwardAuthCookies(headers, event.cookies);
		logEvent('info', 'account_created', { via: 'setup_link' });
		// Coordinators must turn on two-step verification before anything else.
		redirect(303, '/compte/securite?redirect=/');
	})
};
