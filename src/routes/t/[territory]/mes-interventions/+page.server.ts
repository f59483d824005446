import { parseRecordId } from '$lib/server/shared/schemas';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { answerAsRoleModel, myInterventions, submitReportAsRoleModel } from '$lib/server/interventions/interventions.answers';
import type { Actions, PageServerLoad } from './$types';

/** A signed-in role model's interventions (her profile: role_model_profiles.user_id); anyone else sees that she has none. */
export const load: PageServerLoad = territoryLoad('profile.own', ({ db, scope, actor }) => myInterventions(db, scope, actor));

export const actions: Actions = {
	answer: territoryAction('profile.own', async ({ db, scope, actor, values }) => {
		const status = await answerAsRoleModel(db, scope, actor, parseRecordId(values.requestId) ?? 0, values.decision ?? '', new Date(), values.note ?? null);
		return { answered: status };
	}),
	/** Her report from her account, no e-mail link needed. */
	report: territoryAction('profile.own', async ({ db, scope, actor, values }) => {
		await submitReportAsRoleModel(db, scope, actor, parseRecordId(values.requestId) ?? 0, values);
		return { reported: true };
	})
};
