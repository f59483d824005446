import type { Locale } from '../../i18n';
import type { Principal } from '../accounts/permissions';
import { todayInParis } from '../shared/paris-time';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { nationalIndicator, territoryIndicator } from '../indicator/indicator.usecases';
import { findPlan, listInitiativeOrganisations, listInitiatives, listObjectives, listPlanOrganisations, listStatements } from '../plan/plan.repository';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';
import { findTerritoryBySlug, listTerritories } from '../territories/territories.repository';
import { SheetCopyRefusedError, SheetNotFoundError, sameSourceError, unknownSourceError } from './sheet.errors';
import { renderSheetPdf } from './sheet.pdf';
import { copyTargetIds, mayStartPlanIn } from './sheet.policy';
import { presentSheet } from './sheet.presenters';
import * as repo from './sheet.repository';
import { copyPlanSchema, readCatalogueQuery, regionOf, REGIONS } from './sheet.schemas';

/**
 * The living action sheet: the plan's text in the six sections of the Territoires d'industrie
 * format, with today's figures from the indicator's aggregates (never a recount of activities).
 */
export async function getSheet(db: Db, scope: TerritoryScope, options: { today?: string } = {}) {
	const [territory, plan] = await Promise.all([repo.findTerritory(db, scope), findPlan(db, scope)]);
	if (!territory || !plan) throw new SheetNotFoundError();
	const [statements, contacts, objectives, initiatives, stakeholders, indicator, origin] = await Promise.all([
		listStatements(db, scope, plan.id),
		repo.listContacts(db, scope, plan.id),
		listObjectives(db, scope, plan.id),
		listInitiatives(db, scope),
		listPlanOrganisations(db, scope, plan.id),
		territoryIndicator(db, scope, {}),
		plan.copiedFromPlanId ? repo.findPlanOrigin(db, plan.copiedFromPlanId) : Promise.resolve(null)
	]);
	const ids = initiatives.map((i) => i.id);
	const [links, types] = await Promise.all([listInitiativeOrganisations(db, scope, ids), repo.listInitiativeTypes(db, scope, ids)]);
	const figures = new Map(indicator.byInitiative.map((f) => [f.key, f]));
	return {
		territory: { slug: territory.slug, name: territory.name },
		plan,
		origin,
		statements,
		contacts,
		objectives,
		initiatives: initiatives.map((i) => ({
			...i,
			organisations: links.filter((l) => l.initiativeId === i.id),
			activityTypes: types.filter((t) => t.initiativeId === i.id).map((t) => t.typeCode),
			participations: figures.get(String(i.id))?.participations ?? 0,
			activities: figures.get(String(i.id))?.activities ?? 0
		})),
		stakeholders,
		figures: { participations: indicator.participations, activities: indicator.activities, asOf: options.today ?? todayInParis() }
	};
}
export type Sheet = Awaited<ReturnType<typeof getSheet>>;

/** The sheet as a PDF, in the reader's language. */
export async function getSheetPdf(db: Db, scope: TerritoryScope, locale: Locale, options: { today?: string } = {}) {
	const sheet = presentSheet(await getSheet(db, scope, options));
	return { bytes: await renderSheetPdf(sheet, locale), slug: sheet.territory.slug };
}

/** The CLI's entry point: the territory by its slug; unknown → SheetNotFoundError. */
export async function getSheetPdfBySlug(db: Db, slug: string, locale: Locale = 'fr') {
	const territory = await findTerritoryBySlug(db, slug);
	if (!territory) throw new SheetNotFoundError();
	return getSheetPdf(db, { territoryId: territory.id }, locale);
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’']/g, ' ').toLowerCase();

/**
 * The national catalogue: every non-archived, non-demo territory's plan with its headline
 * figures (from the national aggregates), searchable by text and filtered by region (from the
 * communes' départements) and by the audiences its objectives target.
 */
export async function planCatalogue(db: Db, params: URLSearchParams) {
	const { query, values, errors } = readCatalogueQuery(params);
	const territories = await repo.listCatalogueTerritories(db);
	const territoryIds = territories.map((t) => t.id);
	const [plans, departements, national] = await Promise.all([
		repo.listCataloguePlans(db, territoryIds),
		repo.listTerritoryDepartements(db, territoryIds),
		nationalIndicator(db, {})
	]);
	const planIds = plans.map((p) => p.id);
	const [objectives, initiatives] = await Promise.all([repo.listCatalogueObjectives(db, planIds), repo.listCatalogueInitiatives(db, planIds)]);
	const figures = new Map(national.byTerritory.map((f) => [f.key, f]));
	const regionName = new Map(REGIONS.map((r) => [r.code, r.nom]));
	const all = territories.flatMap((t) => {
		const plan = plans.find((p) => p.territoryId === t.id);
		if (!plan) return [];
		const regions = [...new Set(departements.filter((d) => d.territoryId === t.id).map((d) => regionOf(d.departement)))]
			.filter((code): code is string => !!code)
			.sort();
		const planObjectives = objectives.filter((o) => o.planId === plan.id);
		const planInitiatives = initiatives.filter((i) => i.planId === plan.id);
		const figure = figures.get(String(t.id));
		return [
			{
				slug: t.slug,
				name: t.name,
				title: plan.title,
				summary: plan.summary,
				regions: regions.map((code) => ({ code, name: regionName.get(code) ?? code })),
				targets: [...new Set(planObjectives.map((o) => o.target))],
				initiatives: planInitiatives.length,
				participations: figure?.participations ?? 0,
				activities: figure?.activities ?? 0,
				searchable: fold([t.name, plan.title, plan.summary ?? '', ...planObjectives.map((o) => o.title), ...planInitiatives.map((i) => i.name)].join(' '))
			}
		];
	});
	const words = query.q ? fold(query.q).split(/\s+/).filter(Boolean) : [];
	const entries = all
		.filter((e) => words.every((w) => e.searchable.includes(w)))
		.filter((e) => !query.region || e.regions.some((r) => r.code === query.region))
		.filter((e) => !query.audience || e.targets.includes(query.audience))
		.map(({ searchable, ...entry }) => (void searchable, entry));
	return { entries, total: all.length, values, errors, regions: REGIONS.map((r) => ({ code: r.code, name: r.nom })) };
}

/** The territories where this person may start her plan from another territory's (those she coordinates). */
export async function copyTargets(db: Db, principal: Principal | null, sourceTerritoryId: number | null) {
	const ids = copyTargetIds(principal, sourceTerritoryId);
	if (ids.length === 0) return [];
	return (await listTerritories(db)).filter((t) => ids.includes(t.id)).map((t) => ({ slug: t.slug, name: t.name }));
}

/** The plan to start from: a catalogue territory other than the target, with its plan. */
async function sourcePlan(db: Db, targetScope: TerritoryScope, raw: unknown) {
	const parsed = copyPlanSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	const territory = await findTerritoryBySlug(db, parsed.data.source);
	if (!territory || territory.archivedAt || territory.demoLoaded) throw unknownSourceError();
	if (territory.id === targetScope.territoryId) throw sameSourceError();
	const scope = { territoryId: territory.id };
	const plan = await findPlan(db, scope);
	if (!plan) throw unknownSourceError();
	return { territory, scope, plan };
}

/** What "Partir de ce plan" would copy, for the confirmation page. */
export async function copyPreview(db: Db, targetScope: TerritoryScope, actor: Actor, raw: unknown) {
	if (!mayStartPlanIn(actor.principal, targetScope.territoryId)) throw new SheetCopyRefusedError();
	const source = await sourcePlan(db, targetScope, raw);
	const target = await findPlan(db, targetScope);
	if (!target) throw new SheetNotFoundError();
	const [objectives, initiatives] = await Promise.all([listObjectives(db, source.scope, source.plan.id), listInitiatives(db, source.scope)]);
	return {
		source: { slug: source.territory.slug, name: source.territory.name, title: source.plan.title },
		objectives: objectives.length,
		initiatives: initiatives.length
	};
}

function uniqueSlug(slug: string, taken: Set<string>): string {
	let candidate = slug;
	for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`;
	taken.add(candidate);
	return candidate;
}

/**
 * "Partir de ce plan": the source plan's objectives and initiatives (as drafts: planned, no
 * dates, no organisations) with each initiative's activity types are appended to the target
 * plan. Findings and obstacles are the source territory's own words about itself (its names, its
 * figures): they are never copied, nor figures, organisations, contacts or people. One audit event,
 * in the same transaction.
 */
export async function copyPlanFrom(db: Db, targetScope: TerritoryScope, actor: Actor, raw: unknown) {
	if (!mayStartPlanIn(actor.principal, targetScope.territoryId)) throw new SheetCopyRefusedError();
	return db.transaction(async (tx) => {
		const source = await sourcePlan(tx, targetScope, raw);
		const target = await findPlan(tx, targetScope);
		if (!target) throw new SheetNotFoundError();
		const objectives = await listObjectives(tx, source.scope, source.plan.id);
		const initiatives = await listInitiatives(tx, source.scope);
		const types = await repo.listInitiativeTypes(
			tx,
			source.scope,
			initiatives.map((i) => i.id)
		);
		const targetInitiatives = await listInitiatives(tx, targetScope);
		const next = await repo.nextPositions(tx, targetScope, target.id);

		await repo.insertObjectives(
			tx,
			targetScope,
			objectives.map((o, i) => ({ planId: target.id, position: next.objective + i, target: o.target, title: o.title }))
		);
		const slugs = new Set(targetInitiatives.map((i) => i.slug));
		const created: number[] = [];
		for (const [index, initiative] of initiatives.entries()) {
			const id = await repo.insertDraftInitiative(tx, targetScope, {
				planId: target.id,
				position: next.initiative + index,
				slug: uniqueSlug(initiative.slug, slugs),
				name: initiative.name,
				description: initiative.description
			});
			created.push(id);
			await repo.insertInitiativeTypes(
				tx,
				targetScope,
				id,
				types.filter((t) => t.initiativeId === initiative.id).map((t) => t.typeCode)
			);
		}
		await repo.setCopiedFrom(tx, targetScope, target.id, source.plan.id);
		const result = {
			source: { slug: source.territory.slug, name: source.territory.name },
			objectives: objectives.length,
			initiatives: initiatives.length
		};
		await recordAudit(tx, targetScope, actor, {
			action: 'copy',
			entityType: 'plan',
			entityId: target.id,
			before: { copiedFromPlanId: target.copiedFromPlanId },
			after: { copiedFromPlanId: source.plan.id, sourceTerritory: source.territory.slug, objectives: objectives.length, initiativeIds: created }
		});
		return result;
	});
}

/**
 * The "Partir d'un autre plan" page of a territory: the catalogue's other plans to choose from,
 * and what the chosen one would bring. A wrong choice is a message next to the chooser.
 */
export async function startFromPage(db: Db, targetScope: TerritoryScope, actor: Actor, params: URLSearchParams) {
	if (!mayStartPlanIn(actor.principal, targetScope.territoryId)) throw new SheetCopyRefusedError();
	const catalogue = await planCatalogue(db, new URLSearchParams());
	const target = await repo.findTerritory(db, targetScope);
	const sources = catalogue.entries.filter((e) => e.slug !== target?.slug).map((e) => ({ slug: e.slug, name: e.name, title: e.title }));
	const source = params.get('source');
	if (!source) return { sources, source: '', preview: null, errors: {} };
	try {
		return { sources, source, preview: await copyPreview(db, targetScope, actor, { source }), errors: {} };
	} catch (e) {
		if (e instanceof ValidationError) return { sources, source, preview: null, errors: e.fields };
		throw e;
	}
}
