import { redirect } from '@sveltejs/kit';
import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from '$lib/server/calendar/calendar.usecases';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { echoProfileForm, hasPublicConsent } from '$lib/server/role-models/role-models.presenters';
import { profileFormToInput } from '$lib/server/role-models/role-models.schemas';
import { addAvailability, myRoleModelProfile, removeAvailability, setPublicConsent, updateRoleModel } from '$lib/server/role-models/role-models.usecases';
import { asPhotoTooLarge, changeRoleModelPhoto, photoStatus } from '$lib/server/role-models/role-models.photos';
import type { Actions, PageServerLoad } from './$types';

/** Her own profile only: the one linked to her account (linked on her first visit when it was created for her address). */
export const load: PageServerLoad = territoryLoad('profile.own', async ({ db, scope, actor }) => {
	const profile = await myRoleModelProfile(db, scope, actor);
	return {
		mine: profile,
		feed: profile ? await calendarFeedStatus(db, scope, actor, 'role_model') : null,
		photo: profile ? await photoStatus(db, scope, actor, 'own') : null
	};
});

const echoNothing = () => ({});
const back = (event: { params: { territory: string } }, query: string) => `/t/${event.params.territory}/mon-profil?${query}`;

export const actions: Actions = {
	update: territoryAction(
		'profile.own',
		async ({ event, db, scope, actor, form }) => {
			await updateRoleModel(db, scope, actor, 'own', profileFormToInput(form));
			redirect(303, back(event, 'saved=1'));
		},
		{ echo: echoProfileForm }
	),
	/** « Profil public »: her consent, given or withdrawn (dated); the page comes back to that section. */
	consent: territoryAction('profile.own', async ({ event, db, scope, actor, values }) => {
		const row = await setPublicConsent(db, scope, actor, values);
		redirect(303, back(event, `consent=${hasPublicConsent(row) ? 'on' : 'off'}#profil-public`));
	}),
	addAvailability: territoryAction('profile.own', async ({ event, db, scope, actor, values }) => {
		await addAvailability(db, scope, actor, 'own', values);
		redirect(303, back(event, 'slot=added#disponibilites'));
	}),
	removeAvailability: territoryAction('profile.own', async ({ event, db, scope, actor, values }) => {
		await removeAvailability(db, scope, actor, 'own', values);
		redirect(303, back(event, 'slot=removed#disponibilites'));
	}),
	feed: territoryAction('profile.own', async ({ db, scope, actor }) => ({ feedUrl: (await createCalendarFeed(db, scope, actor, 'role_model')).url }), {
		echo: echoNothing
	}),
	photo: territoryAction(
		'profile.own',
		async ({ event, db, scope, actor, form }) => {
			await changeRoleModelPhoto(db, scope, actor, 'own', form);
			redirect(303, back(event, `photo=${form.get('remove') === '1' ? 'removed' : 'saved'}#photo-section`));
		},
		{ echo: () => ({ which: 'photo' }), mapError: asPhotoTooLarge }
	),
	revokeFeed: territoryAction(
		'profile.own',
		async ({ db, scope, actor }) => {
			await revokeCalendarFeed(db, scope, actor, 'role_model');
			return { feedRevoked: true };
		},
		{ echo: echoNothing }
	)
};
