import { redirect } from '@sveltejs/kit';
import { idParam } from '$lib/server/http';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import {
	coordinatorMove,
	moveErrorToForm,
	proposeRequest,
	qualifyRequest,
	rescheduleRequest,
	viewRequest
} from '$lib/server/interventions/interventions.usecases';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = territoryLoad('request.read', ({ event, db, scope, actor }) => viewRequest(db, scope, actor, idParam(event.params.id)));

const back = (event: { params: { territory: string; id: string } }) => redirect(303, `/t/${event.params.territory}/demandes/${event.params.id}?saved=1`);
const options = { mapError: moveErrorToForm };

/** A move with an optional note, made by the coordinator from the request page. */
const moveAction = (move: 'confirm' | 'complete' | 'decline' | 'cancel') =>
	territoryAction<RequestEvent, void>(
		'request.manage',
		async ({ event, db, scope, actor, values }) => {
			await coordinatorMove(db, scope, actor, idParam(event.params.id), move, values);
			back(event);
		},
		options
	);

export const actions: Actions = {
	qualify: territoryAction(
		'request.manage',
		async ({ event, db, scope, actor, values }) => {
			await qualifyRequest(db, scope, actor, idParam(event.params.id), values);
			back(event);
		},
		options
	),
	propose: territoryAction(
		'request.manage',
		async ({ event, db, scope, actor, form }) => {
			await proposeRequest(db, scope, actor, idParam(event.params.id), { profileIds: form.getAll('profileId').map(String) });
			back(event);
		},
		options
	),
	reschedule: territoryAction(
		'request.manage',
		async ({ event, db, scope, actor, values }) => {
			await rescheduleRequest(db, scope, actor, idParam(event.params.id), values);
			back(event);
		},
		options
	),
	confirm: moveAction('confirm'),
	complete: moveAction('complete'),
	decline: moveAction('decline'),
	cancel: moveAction('cancel')
};
