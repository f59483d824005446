import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { createMilestone, createTarget, removeMilestone, removeTarget, targetsPage, updateMilestone, updateTarget } from '$lib/server/targets/targets.usecases';
import type { Actions, PageServerLoad } from './$types';

/** Everybody who reads the accounting reads the targets; the forms are the coordination's (the use cases decide). */
export const load: PageServerLoad = territoryLoad('activity.read', ({ db, scope, actor }) => targetsPage(db, scope, actor));

/** Back to the page, at the section just changed, with its notice: a reload never posts twice. */
const back = (territory: string, notice: string, anchor: string) => redirect(303, `/t/${territory}/objectifs?${notice}=1#${anchor}`);

/** Which form a refusal belongs to (a page holds one form per record): the action's name and the record's id. */
const echo = (which: string) => (values: Record<string, string>) => ({ ...values, form: which });

export const actions: Actions = {
	addTarget: territoryAction(
		'plan.update',
		async ({ event, db, scope, actor, values }) => {
			await createTarget(db, scope, actor, values);
			back(event.params.territory, 'created', 'objectifs');
		},
		{ echo: echo('addTarget') }
	),
	updateTarget: territoryAction(
		'plan.update',
		async ({ event, db, scope, actor, values }) => {
			await updateTarget(db, scope, actor, values);
			back(event.params.territory, 'saved', 'objectifs');
		},
		{ echo: echo('updateTarget') }
	),
	removeTarget: territoryAction(
		'plan.update',
		async ({ event, db, scope, actor, values }) => {
			await removeTarget(db, scope, actor, values);
			back(event.params.territory, 'removed', 'objectifs');
		},
		{ echo: echo('removeTarget') }
	),
	addMilestone: territoryAction(
		'plan.update',
		async ({ event, db, scope, actor, values }) => {
			await createMilestone(db, scope, actor, values);
			back(event.params.territory, 'milestoneCreated', 'etapes');
		},
		{ echo: echo('addMilestone') }
	),
	updateMilestone: territoryAction(
		'plan.update',
		async ({ event, db, scope, actor, values }) => {
			await updateMilestone(db, scope, actor, values);
			back(event.params.territory, 'milestoneSaved', 'etapes');
		},
		{ echo: echo('updateMilestone') }
	),
	removeMilestone: territoryAction(
		'plan.update',
		async ({ event, db, scope, actor, values }) => {
			await removeMilestone(db, scope, actor, values);
			back(event.params.territory, 'milestoneRemoved', 'etapes');
		},
		{ echo: echo('removeMilestone') }
	)
};
