import type { getPlanOverview } from './plan.usecases';

/** The plan as the API shows it: explicit fields, never ORM rows; contacts' names only with consent. */
export function presentPlan(o: Awaited<ReturnType<typeof getPlanOverview>>) {
	return {
		title: o.plan.title,
		summary: o.plan.summary,
		startsOn: o.plan.startsOn,
		endsOn: o.plan.endsOn,
		indicator: o.plan.indicator,
		quote: o.plan.quote,
		findings: o.findings.map((s) => ({ position: s.position, body: s.body })),
		obstacles: o.obstacles.map((s) => ({ position: s.position, body: s.body })),
		objectives: o.objectives.map((x) => ({ position: x.position, target: x.target, title: x.title })),
		initiatives: o.initiatives.map((i) => ({
			id: i.id,
			slug: i.slug,
			name: i.name,
			description: i.description,
			status: i.status,
			startsOn: i.startsOn,
			endsOn: i.endsOn,
			organisations: i.organisations,
			activityTypes: i.activityTypes
		})),
		stakeholders: o.stakeholders.map((s) => ({ id: s.organisationId, name: s.name, kind: s.kind, role: s.role })),
		contacts: o.contacts.map((c) => ({ role: c.role, organisation: c.organisationName, name: c.name, email: c.email })),
		epcis: o.epcis.map((e) => ({ siren: e.siren, name: e.name, communes: e.communes }))
	};
}

/** What the initiative form shows again after a refusal: every value of its checkbox groups. */
export function echoInitiativeForm(values: Record<string, string>, form: FormData | null): Record<string, unknown> {
	const strings = (name: string) => (form ? form.getAll(name).filter((v): v is string => typeof v === 'string') : []);
	return { ...values, partnerIds: strings('partnerIds'), networkIds: strings('networkIds'), activityTypes: strings('activityTypes') };
}
