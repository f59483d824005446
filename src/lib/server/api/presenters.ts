import type { getPlanOverview } from '../plan/plan.usecases';
import type { listTerritories } from '../territories/territories.usecases';

/** API shapes: explicit fields, never ORM rows. */
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

/** A territory in the public list. */
export function presentTerritory(t: Awaited<ReturnType<typeof listTerritories>>[number]) {
	return { slug: t.slug, name: t.name, demo: t.demoLoaded };
}
