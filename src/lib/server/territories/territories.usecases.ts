import { createRequire } from 'node:module';
import { inviteUser } from '../accounts/accounts.invitations';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { actionPlans } from '../plan/plan.table';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';
import { alreadyArchivedError, notArchivedError, slugTakenError, TerritoryArchivedError, TerritoryNotFoundError, unknownEpciError } from './territories.errors';
import { isWritable, mayAdministerTerritories } from './territories.policy';
import { presentTerritoryAdmin, presentTerritoryOverview } from './territories.presenters';
import * as repo from './territories.repository';
import { newTerritorySchema, renameTerritorySchema, type NewTerritory } from './territories.schemas';
import { communes, epcis } from './territories.table';

interface EtalabEpci {
	code: string;
	nom: string;
	type: string;
	populationTotale?: number;
	membres: { code: string; nom: string; populationTotale?: number }[];
}

let etalab: EtalabEpci[] | undefined;

/** EPCIs and their member communes from @etalab/decoupage-administratif, by SIREN; an unknown SIREN is a field error. */
export function loadEpcis(sirens: readonly string[]): EtalabEpci[] {
	etalab ??= createRequire(import.meta.url)('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[];
	const all = etalab;
	return sirens.map((siren) => {
		const epci = all.find((e) => e.code === siren);
		if (!epci) throw unknownEpciError(siren);
		return epci;
	});
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, raw: unknown): T {
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	return parsed.data;
}

/**
 * A territory with its EPCIs and communes, inside the caller's transaction. Its plan is created
 * empty (title only): objectives and initiatives come from the territory's own text.
 */
export async function insertTerritory(db: Db, input: NewTerritory, planTitle = 'Plan d’action') {
	const { slug, name, epciSirens } = parse(newTerritorySchema, input);
	const source = loadEpcis(epciSirens);
	const territory = await repo.insertTerritoryRow(db, { slug, name });
	if (!territory) throw slugTakenError();
	const territoryId = territory.id;
	await db.insert(epcis).values(source.map((e) => ({ territoryId, siren: e.code, name: e.nom, kind: e.type, population: e.populationTotale ?? null })));
	await db.insert(communes).values(
		source.flatMap((e) =>
			e.membres.map((m) => ({
				territoryId,
				codeInsee: m.code,
				name: m.nom,
				epciSiren: e.code,
				departement: m.code.slice(0, 2),
				population: m.populationTotale ?? null
			}))
		)
	);
	const [plan] = await db.insert(actionPlans).values({ territoryId, title: planTitle }).returning();
	return { territoryId, planId: plan!.id, slug, name, epciSirens };
}

/**
 * A platform administrator (or the CLI) creates a territory from its EPCIs, with the official
 * communes. Audited in the new territory's trail.
 */
export async function createTerritory(db: Db, actor: Actor, raw: unknown) {
	if (!mayAdministerTerritories(actor.principal)) throw new TerritoryNotFoundError();
	return db.transaction(async (tx) => {
		const created = await insertTerritory(tx, raw as NewTerritory);
		await recordAudit(tx, { territoryId: created.territoryId }, actor, {
			action: 'create',
			entityType: 'territory',
			entityId: created.territoryId,
			after: { slug: created.slug, name: created.name, epciSirens: created.epciSirens }
		});
		return { territoryId: created.territoryId, slug: created.slug };
	});
}

/** Every territory, by name: public (the home page lists them). */
export async function listTerritories(db: Db) {
	return repo.listTerritories(db);
}

/** The territories of the catalogue (home page): archived ones are out of it, their pages stay readable. */
export async function listActiveTerritories(db: Db) {
	return (await repo.listTerritories(db)).filter(isWritable);
}

/** Every territory with its headline figure, last activity and archived flag (public API, admin page). */
export async function territoriesOverview(db: Db) {
	return (await repo.listTerritoriesWithFigures(db)).map(presentTerritoryOverview);
}

/** The administration list: platform administrators only. */
export async function territoriesAdminOverview(db: Db, actor: Actor) {
	if (!mayAdministerTerritories(actor.principal)) throw new TerritoryNotFoundError();
	return territoriesOverview(db);
}

async function administeredTerritory(db: Db, actor: Actor, scope: TerritoryScope) {
	if (!mayAdministerTerritories(actor.principal)) throw new TerritoryNotFoundError();
	const territory = await repo.findTerritoryById(db, scope.territoryId);
	if (!territory) throw new TerritoryNotFoundError();
	return territory;
}

/** One territory's administration page: name, perimeter, archived or not. */
export async function territoryAdminView(db: Db, actor: Actor, scope: TerritoryScope) {
	const territory = await administeredTerritory(db, actor, scope);
	const [epciRows, communeRows] = await Promise.all([repo.listEpcis(db, scope), repo.listCommunes(db, scope)]);
	return presentTerritoryAdmin(territory, epciRows, communeRows.length);
}

/** Renames a territory (its address stays). Refused while it is archived. Audited. */
export async function renameTerritory(db: Db, actor: Actor, scope: TerritoryScope, raw: unknown) {
	const { name } = parse(renameTerritorySchema, raw);
	const territory = await administeredTerritory(db, actor, scope);
	if (!isWritable(territory)) throw new TerritoryArchivedError();
	await db.transaction(async (tx) => {
		await repo.updateTerritoryRow(tx, scope, { name });
		await recordAudit(tx, scope, actor, {
			action: 'rename',
			entityType: 'territory',
			entityId: scope.territoryId,
			before: { name: territory.name },
			after: { name }
		});
	});
}

/** Archives a territory: read-only from now on, every row kept, out of the home page's list. Audited. */
export async function archiveTerritory(db: Db, actor: Actor, scope: TerritoryScope, now = new Date()) {
	const territory = await administeredTerritory(db, actor, scope);
	if (!isWritable(territory)) throw alreadyArchivedError();
	await db.transaction(async (tx) => {
		await repo.updateTerritoryRow(tx, scope, { archivedAt: now });
		await recordAudit(tx, scope, actor, {
			action: 'archive',
			entityType: 'territory',
			entityId: scope.territoryId,
			before: { archivedAt: null },
			after: { archivedAt: now.toISOString() }
		});
	});
}

/** Restores an archived territory: writable again, back in the home page's list. Audited. */
export async function restoreTerritory(db: Db, actor: Actor, scope: TerritoryScope) {
	const territory = await administeredTerritory(db, actor, scope);
	if (isWritable(territory)) throw notArchivedError();
	await db.transaction(async (tx) => {
		await repo.updateTerritoryRow(tx, scope, { archivedAt: null });
		await recordAudit(tx, scope, actor, {
			action: 'restore',
			entityType: 'territory',
			entityId: scope.territoryId,
			before: { archivedAt: territory.archivedAt?.toISOString() ?? null },
			after: { archivedAt: null }
		});
	});
}

/**
 * Invites a territory's coordinator by e-mail (its first one, typically), through the members'
 * invitation: the same link, e-mail and acceptance, an account or not.
 */
export async function inviteCoordinator(db: Db, actor: Actor, scope: TerritoryScope, raw: unknown, baseURL: string) {
	const territory = await administeredTerritory(db, actor, scope);
	if (!isWritable(territory)) throw new TerritoryArchivedError();
	const email = String((raw as Record<string, unknown> | null)?.email ?? '');
	return inviteUser(db, scope, actor, { email, role: 'coordinator', organisationId: '' }, baseURL);
}
