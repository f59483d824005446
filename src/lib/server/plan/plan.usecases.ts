import { z } from 'zod';
import type { Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import { msg, toFieldErrors } from '../shared/form';
import { calendarDateSchema, optional } from '../shared/schemas';
import type { Actor, TerritoryScope } from '../shared/scope';
import { listCommunes, listEpcis } from '../territories/territories.repository';
import { activitiesOutsidePeriodError, PlanNotFoundError } from './plan.errors';
import * as repo from './plan.repository';
import { countActivitiesOutside } from '../activities/activities.repository';
import { recordAudit } from '../audit/audit.repository';

/** The plan with everything the overview page and the API show. */
export async function getPlanOverview(db: Db, scope: TerritoryScope) {
	const plan = await repo.findPlan(db, scope);
	if (!plan) throw new PlanNotFoundError();
	const [objectives, initiatives, stakeholders, epcis, communes] = await Promise.all([
		repo.listObjectives(db, scope, plan.id),
		repo.listInitiatives(db, scope),
		repo.listPlanOrganisations(db, scope, plan.id),
		listEpcis(db, scope),
		listCommunes(db, scope)
	]);
	const links = await repo.listInitiativeOrganisations(
		db,
		scope,
		initiatives.map((i) => i.id)
	);
	return {
		plan,
		objectives,
		initiatives: initiatives.map((i) => ({
			...i,
			organisations: links.filter((l) => l.initiativeId === i.id).map((l) => ({ id: l.organisationId, name: l.name, role: l.role }))
		})),
		stakeholders,
		epcis: epcis.map((e) => ({ ...e, communes: communes.filter((c) => c.epciSiren === e.siren).length })),
		communeCount: communes.length
	};
}

const optionalDate = optional(calendarDateSchema);

export const planPeriodSchema = z
	.object({ startsOn: optionalDate, endsOn: optionalDate })
	.refine((v) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn, { path: ['endsOn'], message: msg('validation.period_order') });

/** The plan's dates are not in the source text: a coordinator sets them. Done activities must stay inside. */
export async function updatePlanPeriod(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	const parsed = planPeriodSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	const { startsOn, endsOn } = parsed.data;
	await db.transaction(async (tx) => {
		const plan = await repo.findPlan(tx, scope);
		if (!plan) throw new PlanNotFoundError();
		const outside = await countActivitiesOutside(tx, scope, startsOn, endsOn);
		if (outside > 0) throw activitiesOutsidePeriodError();
		await repo.updatePlanPeriod(tx, scope, plan.id, { startsOn, endsOn });
		await recordAudit(tx, scope, actor, {
			action: 'update',
			entityType: 'plan',
			entityId: plan.id,
			before: { startsOn: plan.startsOn, endsOn: plan.endsOn },
			after: { startsOn, endsOn }
		});
	});
}
