import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { acceptInvitation, invitationOverview } from '$lib/server/accounts/accounts.usecases';
import { forwardAuthCookies } from '$lib/server/http';
import { publicAction } from '$lib/server/http/handlers';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => ({ invitation: await invitationOverview(getApp().database.db, params.token) });

export const actions: Actions = {
	default: publicAction(async ({ event, db, values }) => {
		const { headers, territorySlug } = await acceptInvitation(db, getApp().auth, event.params.token, values);
		forwardAuthCookies(headers, event.cookies);
		logEvent('info', 'account_created', { via: 'invitation' });
		redirect(303, territorySlug ? `/t/${territorySlug}` : '/');
	})
};
