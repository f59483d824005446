import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { createInitiative } from '$lib/server/plan/initiatives.usecases';
import { addPlanItem, movePlanItem, removePlanItem, updatePlanItem } from '$lib/server/plan/plan-items.usecases';
import { planEditor, updatePlanGeneral } from '$lib/server/plan/plan.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('plan.update', ({ db, scope, actor }) => planEditor(db, scope, actor));

/** Back to the editor, at the section just changed: a reload never posts twice. */
const back = (territory: string, anchor: string) => redirect(303, `/t/${territory}/plan?saved=1#${anchor}`);
/** The section the form sits in (a hidden field): letters only, so that nothing else reaches the address. */
const sectionOf = (values: Record<string, string>) => (/^[a-z]{1,20}$/.test(values.anchor ?? '') ? values.anchor! : 'general');

export const actions: Actions = {
	general: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await updatePlanGeneral(db, scope, actor, values);
		back(event.params.territory, 'general');
	}),
	add: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await addPlanItem(db, scope, actor, values);
		back(event.params.territory, sectionOf(values));
	}),
	update: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await updatePlanItem(db, scope, actor, values);
		back(event.params.territory, sectionOf(values));
	}),
	move: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await movePlanItem(db, scope, actor, values);
		back(event.params.territory, sectionOf(values));
	}),
	remove: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await removePlanItem(db, scope, actor, values);
		back(event.params.territory, sectionOf(values));
	}),
	addInitiative: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		const { id } = await createInitiative(db, scope, actor, values);
		redirect(303, `/t/${event.params.territory}/plan/initiatives/${id}?created=1`);
	})
};
