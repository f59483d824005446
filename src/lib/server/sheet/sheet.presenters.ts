import type { Sheet } from './sheet.usecases';

const names = (orgs: readonly { role: string; name: string }[], role: string) => orgs.filter((o) => o.role === role).map((o) => o.name);

/**
 * The sheet in its six sections, as the page, the PDF and the API show it: explicit fields,
 * never ORM rows. Contacts carry a name only when one was entered, an e-mail only when stored.
 */
export function presentSheet(s: Sheet) {
	const stakeholders = new Map<number, { name: string; roles: string[] }>();
	for (const o of s.stakeholders) {
		const entry = stakeholders.get(o.organisationId) ?? { name: o.name, roles: [] };
		entry.roles.push(o.role);
		stakeholders.set(o.organisationId, entry);
	}
	return {
		territory: s.territory,
		title: s.plan.title,
		summary: s.plan.summary,
		quote: s.plan.quote,
		copiedFrom: s.origin,
		findings: s.statements.filter((x) => x.kind === 'finding').map((x) => x.body),
		achievements: s.initiatives.map((i) => ({
			id: i.id,
			slug: i.slug,
			name: i.name,
			description: i.description,
			status: i.status,
			startsOn: i.startsOn,
			endsOn: i.endsOn,
			lead: names(i.organisations, 'lead'),
			partners: names(i.organisations, 'partner'),
			networks: names(i.organisations, 'network'),
			activityTypes: i.activityTypes,
			participations: i.participations,
			activities: i.activities
		})),
		obstacles: s.statements.filter((x) => x.kind === 'obstacle').map((x) => x.body),
		objectives: s.objectives.map((o) => ({ target: o.target, title: o.title })),
		stakeholders: [...stakeholders.values()],
		indicator: {
			text: s.plan.indicator,
			participations: s.figures.participations,
			activities: s.figures.activities,
			asOf: s.figures.asOf
		},
		contacts: s.contacts.map((c) => ({ name: c.name, role: c.role, organisation: c.organisation, email: c.email }))
	};
}
export type PresentedSheet = ReturnType<typeof presentSheet>;
