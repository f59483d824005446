import type { Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import type { Actor, TerritoryScope } from '../shared/scope';
import { listOrganisations } from '../organisations/organisations.repository';
import { todayInParis } from '../shared/paris-time';
import { recordAudit } from '../audit/audit.repository';
import { itemUnknownError } from './plan.errors';
import * as repo from './plan.repository';
import { contactSchema, moveSchema, objectiveSchema, parseItemRef, stakeholderSchema, statementSchema } from './plan.schemas';
import { editablePlan, parse } from './plan.usecases';
import { removeInitiative } from './initiatives.usecases';

/*
 * The sheet's ordered sections in the plan editor: findings, obstacles, objectives, contacts,
 * stakeholders, and the removal and order of initiatives. Every change is audited in its transaction.
 */

/** The sections an item can be added to from the editor (initiatives have their own form). */
const SECTIONS = ['finding', 'obstacle', 'objective', 'contact', 'stakeholder'] as const;

/** An organisation named by a form must be one of the territory's. */
async function checkOrganisation(db: Db, scope: TerritoryScope, id: number | null, field: string) {
	if (id === null) return;
	const organisations = await listOrganisations(db, scope);
	if (!organisations.some((o) => o.id === id)) throw new ValidationError({ [field]: { key: 'validation.organisation_unknown' } });
}

/** Adds an item at the end of its section. */
export async function addPlanItem(db: Db, scope: TerritoryScope, actor: Actor, raw: Record<string, unknown>, options: { today?: string } = {}) {
	const section = SECTIONS.find((s) => s === raw.section);
	if (!section) throw new ValidationError({ _form: { key: 'validation.enum' } });
	await db.transaction(async (tx) => {
		const plan = await editablePlan(tx, scope, actor);
		if (section === 'finding' || section === 'obstacle') {
			const { body } = parse(statementSchema, { ...raw, kind: section });
			const row = await repo.insertStatement(tx, scope, {
				planId: plan.id,
				kind: section,
				body,
				position: await repo.nextPosition(tx, scope, 'statement', plan.id)
			});
			await recordAudit(tx, scope, actor, { action: 'create', entityType: 'plan_statement', entityId: row.id, after: row });
		} else if (section === 'objective') {
			const input = parse(objectiveSchema, raw);
			const row = await repo.insertObjective(tx, scope, { planId: plan.id, ...input, position: await repo.nextPosition(tx, scope, 'objective', plan.id) });
			await recordAudit(tx, scope, actor, { action: 'create', entityType: 'objective', entityId: row.id, after: row });
		} else if (section === 'contact') {
			const input = parse(contactSchema(options.today ?? todayInParis()), raw);
			await checkOrganisation(tx, scope, input.organisationId, 'organisationId');
			const row = await repo.insertContact(tx, scope, { planId: plan.id, ...input, position: await repo.nextPosition(tx, scope, 'contact', plan.id) });
			await recordAudit(tx, scope, actor, { action: 'create', entityType: 'plan_contact', entityId: row.id, after: row });
		} else {
			const input = parse(stakeholderSchema, raw);
			await checkOrganisation(tx, scope, input.organisationId, 'organisationId');
			if (await repo.findStakeholder(tx, scope, plan.id, input.organisationId, input.role))
				throw new ValidationError({ organisationId: { key: 'validation.stakeholder_exists' } });
			await repo.insertStakeholder(tx, scope, { planId: plan.id, ...input });
			await recordAudit(tx, scope, actor, { action: 'create', entityType: 'plan_stakeholder', entityId: input.organisationId, after: input });
		}
	});
}

function itemRef(raw: Record<string, unknown>) {
	const ref = parseItemRef(raw.item);
	if (!ref) throw itemUnknownError();
	return ref;
}

/** Edits an item of a section (a stakeholder: her role). Initiatives are edited on their own page. */
export async function updatePlanItem(db: Db, scope: TerritoryScope, actor: Actor, raw: Record<string, unknown>, options: { today?: string } = {}) {
	const ref = itemRef(raw);
	await db.transaction(async (tx) => {
		const plan = await editablePlan(tx, scope, actor);
		if (ref.section === 'stakeholder') {
			const input = parse(stakeholderSchema, { ...raw, organisationId: String(ref.organisationId) });
			if (!(await repo.findStakeholder(tx, scope, plan.id, ref.organisationId, ref.role))) throw itemUnknownError();
			if (input.role === ref.role) return;
			if (await repo.findStakeholder(tx, scope, plan.id, ref.organisationId, input.role))
				throw new ValidationError({ role: { key: 'validation.stakeholder_exists' } });
			await repo.deleteStakeholder(tx, scope, plan.id, ref.organisationId, ref.role);
			await repo.insertStakeholder(tx, scope, { planId: plan.id, organisationId: ref.organisationId, role: input.role });
			await recordAudit(tx, scope, actor, {
				action: 'update',
				entityType: 'plan_stakeholder',
				entityId: ref.organisationId,
				before: { organisationId: ref.organisationId, role: ref.role },
				after: { organisationId: ref.organisationId, role: input.role }
			});
			return;
		}
		if (ref.section === 'initiative') throw itemUnknownError();
		const current = await repo.findOrderedItem(tx, scope, ref.section, plan.id, ref.id);
		if (!current) throw itemUnknownError();
		let after: unknown;
		if (ref.section === 'statement') after = await repo.updateStatement(tx, scope, ref.id, parse(statementSchema, { ...raw, kind: current.kind }));
		else if (ref.section === 'objective') after = await repo.updateObjective(tx, scope, ref.id, parse(objectiveSchema, raw));
		else {
			const input = parse(contactSchema(options.today ?? todayInParis()), raw);
			await checkOrganisation(tx, scope, input.organisationId, 'organisationId');
			after = await repo.updateContact(tx, scope, ref.id, input);
		}
		await recordAudit(tx, scope, actor, { action: 'update', entityType: AUDIT_ENTITY[ref.section], entityId: ref.id, before: current, after });
	});
}

const AUDIT_ENTITY = { statement: 'plan_statement', objective: 'objective', contact: 'plan_contact', initiative: 'initiative' } as const;

/** Moves an item one place up or down in its section (statements: among those of their kind). */
export async function movePlanItem(db: Db, scope: TerritoryScope, actor: Actor, raw: Record<string, unknown>) {
	const ref = itemRef(raw);
	const { direction } = parse(moveSchema, raw);
	if (ref.section === 'stakeholder') throw itemUnknownError();
	await db.transaction(async (tx) => {
		const plan = await editablePlan(tx, scope, actor);
		const current = await repo.findOrderedItem(tx, scope, ref.section, plan.id, ref.id);
		if (!current) throw itemUnknownError();
		const items = await repo.listOrderedItems(tx, scope, ref.section, plan.id, current.kind);
		const from = items.findIndex((i) => i.id === ref.id);
		const to = direction === 'up' ? from - 1 : from + 1;
		if (to < 0 || to >= items.length) return;
		const order = items.map((i) => i.id);
		[order[from], order[to]] = [order[to]!, order[from]!];
		// Renumbered 1…n: positions stay distinct even if earlier data had ties.
		for (const [index, id] of order.entries()) {
			if (items.find((i) => i.id === id)!.position !== index + 1) await repo.setPosition(tx, scope, ref.section, id, index + 1);
		}
		await recordAudit(tx, scope, actor, {
			action: 'move',
			entityType: AUDIT_ENTITY[ref.section],
			entityId: ref.id,
			before: { order: items.map((i) => i.id) },
			after: { order }
		});
	});
}

/** Removes an item; an initiative only when it has no activities (else it is stopped, never deleted). */
export async function removePlanItem(db: Db, scope: TerritoryScope, actor: Actor, raw: Record<string, unknown>) {
	const ref = itemRef(raw);
	await db.transaction(async (tx) => {
		const plan = await editablePlan(tx, scope, actor);
		if (ref.section === 'stakeholder') {
			if (!(await repo.findStakeholder(tx, scope, plan.id, ref.organisationId, ref.role))) throw itemUnknownError();
			await repo.deleteStakeholder(tx, scope, plan.id, ref.organisationId, ref.role);
			await recordAudit(tx, scope, actor, {
				action: 'delete',
				entityType: 'plan_stakeholder',
				entityId: ref.organisationId,
				before: { organisationId: ref.organisationId, role: ref.role }
			});
			return;
		}
		if (ref.section === 'initiative') return removeInitiative(tx, scope, actor, plan.id, ref.id);
		const current = await repo.findOrderedItem(tx, scope, ref.section, plan.id, ref.id);
		if (!current) throw itemUnknownError();
		await repo.deleteOrderedItem(tx, scope, ref.section, ref.id);
		await recordAudit(tx, scope, actor, { action: 'delete', entityType: AUDIT_ENTITY[ref.section], entityId: ref.id, before: current });
	});
}
