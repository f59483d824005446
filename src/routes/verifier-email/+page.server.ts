import { getApp } from '$lib/server/app';
import { verifyEmail } from '$lib/server/accounts/accounts.usecases';
import { publicAction } from '$lib/server/http/handlers';
import type { Actions, PageServerLoad } from './$types';

/** Reading the page does not change state: the token is confirmed by the POST below. */
export const load: PageServerLoad = async ({ url }) => ({ token: (url.searchParams.get('token') ?? '').slice(0, 2000) });

export const actions: Actions = {
	default: publicAction(async ({ values }) => ({ verified: await verifyEmail(await getApp().auth(), values.token ?? '') }))
};
