import type { Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';
import { listCommunes, listEpcis } from '../territories/territories.repository';
import { listOrganisations } from '../organisations/organisations.repository';
import { chosenTypesByInitiative } from '../activity-types/activity-types.usecases';
import { countActivitiesOutside } from '../activities/activities.repository';
import { recordAudit } from '../audit/audit.repository';
import { activitiesOutsidePeriodError, PlanNotFoundError } from './plan.errors';
import { contactIsPublic, mayEditPlan } from './plan.policy';
import * as repo from './plan.repository';
import { planGeneralSchema, planPeriodSchema } from './plan.schemas';
import type { z } from 'zod';

/** The plan with everything the overview page and the API show; contacts' names only with consent. */
export async function getPlanOverview(db: Db, scope: TerritoryScope) {
	const plan = await repo.findPlan(db, scope);
	if (!plan) throw new PlanNotFoundError();
	const [objectives, initiatives, stakeholders, epcis, communes, statements, contacts] = await Promise.all([
		repo.listObjectives(db, scope, plan.id),
		repo.listInitiatives(db, scope),
		repo.listPlanOrganisations(db, scope, plan.id),
		listEpcis(db, scope),
		listCommunes(db, scope),
		repo.listStatements(db, scope, plan.id),
		repo.listContacts(db, scope, plan.id)
	]);
	const ids = initiatives.map((i) => i.id);
	const [links, types] = await Promise.all([repo.listInitiativeOrganisations(db, scope, ids), chosenTypesByInitiative(db, scope, ids)]);
	return {
		plan,
		objectives,
		findings: statements.filter((s) => s.kind === 'finding'),
		obstacles: statements.filter((s) => s.kind === 'obstacle'),
		contacts: contacts.map((c) => ({
			id: c.id,
			role: c.role,
			organisationName: c.organisationName,
			name: contactIsPublic(c) ? c.name : null,
			email: contactIsPublic(c) ? c.email : null
		})),
		initiatives: initiatives.map((i) => ({
			...i,
			organisations: links.filter((l) => l.initiativeId === i.id).map((l) => ({ id: l.organisationId, name: l.name, role: l.role })),
			activityTypes: types.get(i.id) ?? []
		})),
		stakeholders,
		epcis: epcis.map((e) => ({ ...e, communes: communes.filter((c) => c.epciSiren === e.siren).length })),
		communeCount: communes.length
	};
}

/** The plan of a territory for an editor; anyone else meets the same 404 as a missing plan. */
export async function editablePlan(db: Db, scope: TerritoryScope, actor: Actor) {
	if (!mayEditPlan(actor.principal, scope.territoryId)) throw new PlanNotFoundError();
	const plan = await repo.findPlan(db, scope);
	if (!plan) throw new PlanNotFoundError();
	return plan;
}

/** Everything the plan editor shows: the sections with their items, and the organisations to choose from. */
export async function planEditor(db: Db, scope: TerritoryScope, actor: Actor) {
	const plan = await editablePlan(db, scope, actor);
	const [statements, objectives, contacts, stakeholders, initiatives, organisations] = await Promise.all([
		repo.listStatements(db, scope, plan.id),
		repo.listObjectives(db, scope, plan.id),
		repo.listContacts(db, scope, plan.id),
		repo.listPlanOrganisations(db, scope, plan.id),
		repo.listInitiatives(db, scope),
		listOrganisations(db, scope)
	]);
	const links = await repo.listInitiativeOrganisations(
		db,
		scope,
		initiatives.map((i) => i.id)
	);
	const collator = new Intl.Collator('fr');
	return {
		plan: { title: plan.title, summary: plan.summary ?? '', quote: plan.quote ?? '', startsOn: plan.startsOn ?? '', endsOn: plan.endsOn ?? '' },
		findings: statements.filter((s) => s.kind === 'finding'),
		obstacles: statements.filter((s) => s.kind === 'obstacle'),
		objectives,
		contacts,
		stakeholders: [...stakeholders].sort((a, b) => collator.compare(a.name, b.name)),
		initiatives: initiatives.map((i) => ({
			id: i.id,
			name: i.name,
			status: i.status,
			lead: links.find((l) => l.initiativeId === i.id && l.role === 'lead')?.name ?? null
		})),
		organisations: organisations.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => collator.compare(a.name, b.name))
	};
}

export function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	return parsed.data;
}

/** The plan's presentation (title, summary, quote) and period; done activities must stay inside the period. */
export async function updatePlanGeneral(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	const input = parse(planGeneralSchema, raw);
	await db.transaction(async (tx) => {
		const plan = await editablePlan(tx, scope, actor);
		if ((await countActivitiesOutside(tx, scope, input.startsOn, input.endsOn)) > 0) throw activitiesOutsidePeriodError();
		const row = await repo.updatePlanRow(tx, scope, plan.id, input);
		const fields = (p: typeof plan) => ({ title: p.title, summary: p.summary, quote: p.quote, startsOn: p.startsOn, endsOn: p.endsOn });
		await recordAudit(tx, scope, actor, { action: 'update', entityType: 'plan', entityId: plan.id, before: fields(plan), after: fields(row) });
	});
}

/** The plan's dates only (kept for the period form's callers); done activities must stay inside. */
export async function updatePlanPeriod(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	const { startsOn, endsOn } = parse(planPeriodSchema, raw);
	await db.transaction(async (tx) => {
		const plan = await editablePlan(tx, scope, actor);
		if ((await countActivitiesOutside(tx, scope, startsOn, endsOn)) > 0) throw activitiesOutsidePeriodError();
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
