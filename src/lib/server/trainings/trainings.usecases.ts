import { TRAINING_LEVELS } from '../../domain/trainings';
import type { Principal } from '../accounts/permissions';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { ValidationError, type FieldErrors } from '../shared/errors';
import { parseWith } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';
import { findCommune, listCommunes } from '../territories/territories.repository';
import { TrainingConflictError, TrainingNotFoundError } from './trainings.errors';
import { mayManageTrainings, reachesTrainings } from './trainings.policy';
import { presentTraining, trainingSnapshot, trainingToFormValues, type PublicTraining } from './trainings.presenters';
import * as repo from './trainings.repository';
import { trainingFiltersSchema, trainingInputSchema, trainingVersionSchema, type TrainingFilters, type TrainingInput } from './trainings.schemas';

const ENTITY = 'training';

/** Writes are the coordination's: anyone else gets the same 404 as an unknown training (trainings.policy.ts). */
function requireWrite(scope: TerritoryScope, actor: Actor): void {
	if (!reachesTrainings(actor.principal, scope.territoryId, 'write')) throw new TrainingNotFoundError();
}

/** The form's choices: the territory's schools (with UAI and commune), its communes, the job families, the levels. */
async function trainingFormOptions(db: Db, scope: TerritoryScope) {
	const collator = new Intl.Collator('fr');
	const [schools, communes, families] = [await repo.listSchools(db, scope), await listCommunes(db, scope), await repo.listJobFamilies(db)];
	return {
		schools: schools.sort((a, b) => collator.compare(a.name, b.name)),
		communes: communes.map((c) => ({ code: c.codeInsee, name: c.name })).sort((a, b) => collator.compare(a.name, b.name)),
		families: families.map((f) => ({ code: f.code, labelFr: f.labelFr, labelEn: f.labelEn })),
		levels: [...TRAINING_LEVELS]
	};
}
export type TrainingFormOptions = Awaited<ReturnType<typeof trainingFormOptions>>;

/**
 * Rules that need the territory's data: a school of the directory, a commune of the territory
 * (empty: the school's), job families of the national list (a retired one only if the training
 * already had it). Every problem is reported at once, next to its field.
 */
async function resolveInput(db: Db, scope: TerritoryScope, input: TrainingInput, kept: readonly string[] = []) {
	const errors: FieldErrors = {};
	const school = await repo.findSchool(db, scope, input.schoolOrganisationId);
	if (!school) errors.schoolOrganisationId = { key: 'trainings.validation.school' };
	const communeCode = input.communeCode ?? school?.communeCode ?? null;
	if (!communeCode) {
		if (school) errors.communeCode = { key: 'trainings.validation.commune_required' };
	} else if (!(await findCommune(db, scope, communeCode))) {
		errors.communeCode = { key: 'trainings.validation.commune' };
	}
	const offered = new Set([...(await repo.listJobFamilies(db)).map((f) => f.code), ...kept]);
	const families = [...new Set(input.jobFamilies)];
	if (families.some((code) => !offered.has(code))) errors.jobFamilies = { key: 'trainings.validation.job_family' };
	if (Object.keys(errors).length > 0) throw new ValidationError(errors);
	return {
		families,
		values: {
			title: input.title,
			schoolOrganisationId: input.schoolOrganisationId,
			level: input.level,
			communeCode: communeCode!,
			girlsShare: input.girlsShare,
			girlsShareYear: input.girlsShareYear,
			apprenticeship: input.apprenticeship,
			description: input.description,
			url: input.url
		}
	};
}

/** The new-training form: its choices (no default but « not by apprenticeship »). */
export async function newTrainingForm(db: Db, scope: TerritoryScope, actor: Actor) {
	requireWrite(scope, actor);
	return { options: await trainingFormOptions(db, scope), defaults: { jobFamilies: [] as string[] } };
}

/** Adds a training of the territory; the creation is audited in the same transaction. */
export async function createTraining(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireWrite(scope, actor);
	const input = parseWith(trainingInputSchema, raw);
	return db.transaction(async (tx) => {
		const { values, families } = await resolveInput(tx, scope, input);
		const row = await repo.insertTraining(tx, scope, { ...values, createdBy: actor.userId });
		await repo.setTrainingFamilies(tx, scope, row.id, families);
		await recordAudit(tx, scope, actor, { action: 'create', entityType: ENTITY, entityId: row.id, after: trainingSnapshot(row, families) });
		return row;
	});
}

async function lockTraining(tx: Db, scope: TerritoryScope, id: number) {
	const row = await repo.findTraining(tx, scope, id, { forUpdate: true });
	if (!row) throw new TrainingNotFoundError();
	const families = (await repo.listTrainingFamilies(tx, scope, [id])).map((f) => f.code);
	return { row, families };
}

/** Edits a training, from the version the editor read (a stale one is a conflict: nothing saved). */
export async function updateTraining(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: Record<string, unknown>) {
	requireWrite(scope, actor);
	const input = parseWith(trainingInputSchema, raw);
	const { version } = parseWith(trainingVersionSchema, raw);
	return db.transaction(async (tx) => {
		const current = await lockTraining(tx, scope, id);
		if (current.row.version !== version) throw new TrainingConflictError(trainingSnapshot(current.row, current.families));
		const { values, families } = await resolveInput(tx, scope, input, current.families);
		const row = await repo.updateTrainingRow(tx, scope, id, current.row.version, values);
		await repo.setTrainingFamilies(tx, scope, id, families);
		await recordAudit(tx, scope, actor, {
			action: 'update',
			entityType: ENTITY,
			entityId: id,
			before: trainingSnapshot(current.row, current.families),
			after: trainingSnapshot(row, families)
		});
		return row;
	});
}

/** Deletes a training, from the version the editor read; the journal keeps what it was. */
export async function deleteTraining(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	requireWrite(scope, actor);
	const { version } = parseWith(trainingVersionSchema, raw);
	await db.transaction(async (tx) => {
		const current = await lockTraining(tx, scope, id);
		if (current.row.version !== version) throw new TrainingConflictError(trainingSnapshot(current.row, current.families));
		await repo.deleteTrainingRow(tx, scope, id);
		await recordAudit(tx, scope, actor, { action: 'delete', entityType: ENTITY, entityId: id, before: trainingSnapshot(current.row, current.families) });
	});
}

/** The edit page: the training's values and the form's choices (coordinators only). */
export async function editTrainingPage(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	requireWrite(scope, actor);
	const row = await repo.findTraining(db, scope, id);
	if (!row) throw new TrainingNotFoundError();
	const families = (await repo.listTrainingFamilies(db, scope, [id])).map((f) => f.code);
	const options = await trainingFormOptions(db, scope);
	// A retired family the training still has stays offered, so that saving keeps it.
	const all = await repo.listAllJobFamilies(db);
	for (const code of families) {
		const family = all.find((f) => f.code === code);
		if (family && !options.families.some((f) => f.code === code)) options.families.push({ code, labelFr: family.labelFr, labelEn: family.labelEn });
	}
	return { training: { id: row.id, title: row.title, version: row.version }, values: trainingToFormValues(row, families), options };
}

/** The territory's trainings as the public sees them, filtered (job family, level, commune), by title. */
async function publicTrainings(db: Db, scope: TerritoryScope, filters: TrainingFilters) {
	const [rows, communes, families] = [await repo.listTrainings(db, scope), await listCommunes(db, scope), await repo.listAllJobFamilies(db)];
	const links = await repo.listTrainingFamilies(
		db,
		scope,
		rows.map((r) => r.training.id)
	);
	const communeName = new Map(communes.map((c) => [c.codeInsee, c.name]));
	const label = new Map(families.map((f) => [f.code, { code: f.code, labelFr: f.labelFr, labelEn: f.labelEn }]));
	const all = rows.map((r) =>
		presentTraining(
			r.training,
			{ name: r.schoolName, uai: r.schoolUai },
			communeName.get(r.training.communeCode) ?? r.training.communeCode,
			links.filter((l) => l.trainingId === r.training.id).map((l) => label.get(l.code)!)
		)
	);
	const matching = all.filter(
		(t) =>
			(!filters.family || t.jobFamilies.some((f) => f.code === filters.family)) &&
			(!filters.level || t.level === filters.level) &&
			(!filters.commune || t.commune.code === filters.commune)
	);
	return { all, matching, families };
}

/**
 * « Métiers et formations »: the trainings grouped by job family (a training leading to two
 * families shows in both), the filters' choices (only what some training offers), and whether the
 * visitor may add and edit (coordinators).
 */
export async function trainingsPage(db: Db, scope: TerritoryScope, principal: Principal | null, query: Record<string, string>) {
	const filters = trainingFiltersSchema.parse(query);
	const { all, matching, families } = await publicTrainings(db, scope, filters);
	const groups = families
		.filter((f) => !filters.family || f.code === filters.family)
		.map((f) => ({
			family: { code: f.code, labelFr: f.labelFr, labelEn: f.labelEn },
			trainings: matching.filter((t) => t.jobFamilies.some((j) => j.code === f.code))
		}))
		.filter((g) => g.trainings.length > 0);
	const collator = new Intl.Collator('fr');
	const communes = [...new Map(all.map((t) => [t.commune.code, t.commune])).values()].sort((a, b) => collator.compare(a.name, b.name));
	return {
		filters,
		groups,
		count: matching.length,
		total: all.length,
		options: {
			families: families
				.filter((f) => all.some((t) => t.jobFamilies.some((j) => j.code === f.code)))
				.map((f) => ({ code: f.code, labelFr: f.labelFr, labelEn: f.labelEn })),
			levels: TRAINING_LEVELS.filter((l) => all.some((t) => t.level === l)),
			communes
		},
		canManage: mayManageTrainings(principal, scope.territoryId)
	};
}

/** The API's list: every training of the territory, by title, with the same filters as the page. */
export async function listTrainingsForApi(db: Db, scope: TerritoryScope, filters: TrainingFilters): Promise<PublicTraining[]> {
	return (await publicTrainings(db, scope, filters)).matching;
}
