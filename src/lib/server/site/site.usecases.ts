import { todayInParis } from '../shared/paris-time';
import { latestPortraits } from '../portraits/portraits.public';
/**
 * The public site's home pages: what `/` shows (or where it sends), the territory's public home and
 * « Les initiatives et les partenaires ». Reads only, through the other domains' use cases: the plan,
 * the indicator's aggregates (never records) and the interventions open to volunteers.
 */
import type { Principal } from '../accounts/permissions';
import { myTerritories } from '../accounts/accounts.usecases';
import type { Db } from '../db/client';
import { territoryIndicator } from '../indicator/indicator.usecases';
import { indicatorHeadline } from '../indicator/indicator.presenters';
import { listOpenInterventions, type OpenIntervention } from '../interventions/interventions.open';
import { listOrganisations } from '../organisations/organisations.repository';
import { getPlanOverview } from '../plan/plan.usecases';
import type { TerritoryScope } from '../shared/scope';
import { listActiveTerritories } from '../territories/territories.usecases';
import { firstSentence, planAudiences, publicWebsite } from './site.presenters';

/** How many upcoming events the home page shows. */
export const HOME_EVENTS = 3;
/** How many portraits (the newest online) the home page shows. */
export const HOME_PORTRAITS = 3;

/**
 * `/`: with one active territory (and a visitor who belongs to no other), the address of its home,
 * where `/` sends her; otherwise the territories to list and, signed in, her own.
 */
export async function siteLanding(db: Db, principal: Principal | null) {
	const [territories, mine] = await Promise.all([listActiveTerritories(db), myTerritories(db, principal)]);
	const only = territories.length === 1 ? territories[0]! : null;
	if (only && mine.every((m) => m.slug === only.slug)) return { redirectTo: `/t/${only.slug}` as const };
	return { redirectTo: null, territories: territories.map((t) => ({ slug: t.slug, name: t.name, demo: t.demoLoaded })), mine };
}

/** One upcoming event of the home page: the open intervention's public facts only (no contact, no place). */
function presentEvent(e: OpenIntervention) {
	return { id: e.id, date: e.date, startTime: e.startTime, commune: e.commune, kindFr: e.kindFr, kindEn: e.kindEn, placesLeft: e.placesLeft, full: e.full };
}

/**
 * The territory's public home: the plan (what it does, for whom), the live count of people
 * sensitized, the next events and the newest online portraits.
 */
export async function publicHome(db: Db, scope: TerritoryScope, now = new Date()) {
	const [overview, indicator, open] = await Promise.all([getPlanOverview(db, scope), territoryIndicator(db, scope, {}), listOpenInterventions(db, scope, now)]);
	return {
		overview,
		headline: indicatorHeadline(indicator),
		what: firstSentence(overview.plan.summary),
		audiences: planAudiences(overview.objectives),
		nextEvents: open.slice(0, HOME_EVENTS).map(presentEvent),
		portraits: await latestPortraits(db, scope, HOME_PORTRAITS, todayInParis(now))
	};
}

const ROLE_ORDER = ['lead', 'partner', 'network'];

/**
 * « Les initiatives et les partenaires »: each initiative with its organisations by role, and every
 * organisation of the plan (stakeholders and initiatives' organisations) once, with its own site
 * when it has one.
 */
export async function initiativesAndPartners(db: Db, scope: TerritoryScope) {
	const [overview, organisations] = await Promise.all([getPlanOverview(db, scope), listOrganisations(db, scope)]);
	const website = new Map(organisations.map((o) => [o.id, publicWebsite(o.website)]));
	const initiatives = overview.initiatives.map((i) => ({
		id: i.id,
		name: i.name,
		description: i.description,
		status: i.status,
		organisations: [...i.organisations]
			.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
			.map((o) => ({ id: o.id, name: o.name, role: o.role, website: website.get(o.id) ?? null }))
	}));
	const partners = new Map<number, { id: number; name: string; website: string | null; roles: string[]; initiatives: string[] }>();
	const partner = (id: number, name: string) => {
		const p = partners.get(id) ?? { id, name, website: website.get(id) ?? null, roles: [], initiatives: [] };
		partners.set(id, p);
		return p;
	};
	for (const s of overview.stakeholders) {
		const p = partner(s.organisationId, s.name);
		if (!p.roles.includes(s.role)) p.roles.push(s.role);
	}
	for (const i of overview.initiatives)
		for (const o of i.organisations) {
			const p = partner(o.id, o.name);
			if (!p.initiatives.includes(i.name)) p.initiatives.push(i.name);
		}
	return {
		plan: { title: overview.plan.title },
		initiatives,
		partners: [...partners.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'))
	};
}
