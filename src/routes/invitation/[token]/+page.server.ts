import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { acceptInvitation, findUsableInvitation } from '$lib/server/accounts/accounts.usecases';
import { failFromError, forwardAuthCookies } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import { formToObject } from '$lib/server/shared/form';
import { listTerritories } from '$lib/server/territories/territories.repository';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const db = getApp().database.db;
	const invitation = await findUsableInvitation(db, params.token);
	if (!invitation) return { invitation: null };
	const territory = (await listTerritories(db)).find((t) => t.id === invitation.territoryId);
	return { invitation: { email: invitation.email, role: invitation.role, territory: territory?.name ?? '', slug: territory?.slug ?? '' } };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const { database, auth } = getApp();
		const invitation = await findUsableInvitation(database.db, event.params.token);
		try {
			const { headers } = await acceptInvitation(database.db, auth, event.params.token, values);
			forwardAuthCookies(headers, event.cookies);
		} catch (e) {
			return failFromError(event.locals, e, { name: values.name ?? '' });
		}
		logEvent('info', 'account_created', { via: 'invitation' });
		const target = invitation ? (await listTerritories(database.db)).find((t) => t.id === invitation.territoryId)?.slug : undefined;
		redirect(303, target ? `/t/${target}` : '/');
	}
};
