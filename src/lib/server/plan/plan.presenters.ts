import type { getPlanOverview } from './plan.usecases';

/** The plan as the API shows it: explicit fields, never ORM rows. */
export function presentPlan(o: Awaited<ReturnType<typeof getPlanOverview>>) {
	return {
		title: o.plan.title,
		summary: o.plan.summary,
		startsOn: o.plan.startsOn,
		endsOn: o.plan.endsOn,
		indicator: o.plan.indicator,
		objectives: o.objectives.map((x) => ({ position: x.position, target: x.target, title: x.title })),
		initiatives: o.initiatives.map((i) => ({
			id: i.id,
			slug: i.slug,
			name: i.name,
			description: i.description,
			status: i.status,
			organisations: i.organisations
		})),
		stakeholders: o.stakeholders.map((s) => ({ id: s.organisationId, name: s.name, kind: s.kind, role: s.role })),
		epcis: o.epcis.map((e) => ({ siren: e.siren, name: e.name, communes: e.communes }))
	};
}

/** The plan's period as the period form shows it. */
export function presentPlanPeriod(o: Awaited<ReturnType<typeof getPlanOverview>>) {
	return { startsOn: o.plan.startsOn, endsOn: o.plan.endsOn };
}
