import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { echoProfileForm } from '$lib/server/role-models/role-models.presenters';
import { profileFormToInput } from '$lib/server/role-models/role-models.schemas';
import { createRoleModel, roleModelFormOptions } from '$lib/server/role-models/role-models.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('user.manage', async ({ db, scope }) => ({ options: await roleModelFormOptions(db, scope) }));

export const actions: Actions = {
	default: territoryAction(
		'user.manage',
		async ({ event, db, scope, actor, form }) => {
			const { id } = await createRoleModel(db, scope, actor, profileFormToInput(form));
			redirect(303, `/t/${event.params.territory}/intervenantes/${id}?created=1`);
		},
		{ echo: echoProfileForm }
	)
};
