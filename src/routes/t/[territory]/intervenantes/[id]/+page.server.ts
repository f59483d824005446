import { redirect } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { idParam } from '$lib/server/http';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { echoProfileForm } from '$lib/server/role-models/role-models.presenters';
import { profileFormToInput } from '$lib/server/role-models/role-models.schemas';
import {
	addAvailability,
	inviteRoleModel,
	removeAvailability,
	setRoleModelActive,
	updateRoleModel,
	viewRoleModel
} from '$lib/server/role-models/role-models.usecases';
import { asPhotoTooLarge, changeRoleModelPhoto, photoStatus } from '$lib/server/role-models/role-models.photos';
import { upcomingCommitments } from '$lib/server/interventions/interventions.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('user.manage', async ({ event, db, scope, actor }) => ({
	...(await viewRoleModel(db, scope, actor, { id: idParam(event.params.id) })),
	photo: await photoStatus(db, scope, actor, { id: idParam(event.params.id) }),
	commitments: await upcomingCommitments(db, scope, actor, idParam(event.params.id))
}));

const back = (event: { params: { territory: string; id: string } }, query: string) => `/t/${event.params.territory}/intervenantes/${event.params.id}?${query}`;

export const actions: Actions = {
	update: territoryAction(
		'user.manage',
		async ({ event, db, scope, actor, form }) => {
			await updateRoleModel(db, scope, actor, { id: idParam(event.params.id) }, profileFormToInput(form));
			redirect(303, back(event, 'saved=1'));
		},
		{ echo: echoProfileForm }
	),
	addAvailability: territoryAction('user.manage', async ({ event, db, scope, actor, values }) => {
		await addAvailability(db, scope, actor, { id: idParam(event.params.id) }, values);
		redirect(303, back(event, 'slot=added#disponibilites'));
	}),
	removeAvailability: territoryAction('user.manage', async ({ event, db, scope, actor, values }) => {
		await removeAvailability(db, scope, actor, { id: idParam(event.params.id) }, values);
		redirect(303, back(event, 'slot=removed#disponibilites'));
	}),
	deactivate: territoryAction('user.manage', async ({ event, db, scope, actor }) => {
		await setRoleModelActive(db, scope, actor, idParam(event.params.id), false);
		redirect(303, back(event, 'active=0'));
	}),
	reactivate: territoryAction('user.manage', async ({ event, db, scope, actor }) => {
		await setRoleModelActive(db, scope, actor, idParam(event.params.id), true);
		redirect(303, back(event, 'active=1'));
	}),
	photo: territoryAction(
		'user.manage',
		async ({ event, db, scope, actor, form }) => {
			await changeRoleModelPhoto(db, scope, actor, { id: idParam(event.params.id) }, form);
			redirect(303, back(event, `photo=${form.get('remove') === '1' ? 'removed' : 'saved'}#photo-section`));
		},
		{ echo: () => ({ which: 'photo' }), mapError: asPhotoTooLarge }
	),
	invite: territoryAction('user.manage', async ({ event, db, scope, actor }) => {
		await inviteRoleModel(db, scope, actor, idParam(event.params.id), config().baseURL);
		return { invited: true };
	})
};
