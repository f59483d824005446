import { and, desc, eq, exists, gt, gte, inArray, lt, lte, max, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { reachCondition, type Reach } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import { communes } from '../territories/territories.table';
import { activities, activityAudiences } from './activities.table';
import type { ActivityFilters } from './activities.schemas';

export type ActivityRow = typeof activities.$inferSelect;
export type AudienceRow = { audience: string; level: string; count: number };
/** An activity with its audience counts, as forms, the API and the audit trail see it. */
export type ActivitySnapshot = Omit<ActivityRow, 'createdAt' | 'updatedAt'> & { audiences: readonly AudienceRow[] };

/*
 * Reads and writes of activities require the actor's `Reach` (initiatives), computed by
 * activities.policy.ts: there is no default that means "everything".
 */

function filterConditions(scope: TerritoryScope, reach: Reach, f: Omit<ActivityFilters, 'page'>): SQL[] {
	const conditions: (SQL | undefined)[] = [
		eq(activities.territoryId, scope.territoryId),
		reachCondition(activities.initiativeId, reach),
		f.from ? gte(activities.date, f.from) : undefined,
		f.to ? lte(activities.date, f.to) : undefined,
		f.initiativeId ? eq(activities.initiativeId, f.initiativeId) : undefined,
		f.type ? eq(activities.type, f.type) : undefined,
		f.communeCode ? eq(activities.communeCode, f.communeCode) : undefined,
		f.status ? eq(activities.status, f.status) : undefined,
		f.epci
			? inArray(
					activities.communeCode,
					sql`(select ${communes.codeInsee} from ${communes} where ${communes.territoryId} = ${scope.territoryId} and ${communes.epciSiren} = ${f.epci})`
				)
			: undefined,
		f.audience || f.level
			? exists(
					sql`(select 1 from ${activityAudiences} where ${activityAudiences.activityId} = ${activities.id}${
						f.audience ? sql` and ${activityAudiences.audience} = ${f.audience}` : sql``
					}${f.level ? sql` and ${activityAudiences.level} = ${f.level}` : sql``})`
				)
			: undefined
	];
	return conditions.filter((c): c is SQL => c !== undefined);
}

/** Participations of one activity that match the audience/level filter: the figure the list adds up to. */
function matchingParticipations(f: Omit<ActivityFilters, 'page'>) {
	return sql<number>`coalesce((select sum(${activityAudiences.count}) from ${activityAudiences} where ${activityAudiences.activityId} = ${activities.id}${
		f.audience ? sql` and ${activityAudiences.audience} = ${f.audience}` : sql``
	}${f.level ? sql` and ${activityAudiences.level} = ${f.level}` : sql``}), 0)::int`;
}

/** The columns of a list row; participations are those of the filtered audience and level. */
function listColumns(f: Omit<ActivityFilters, 'page'>) {
	return {
		id: activities.id,
		title: activities.title,
		date: activities.date,
		type: activities.type,
		status: activities.status,
		initiativeId: activities.initiativeId,
		communeCode: activities.communeCode,
		hostOrganisationId: activities.hostOrganisationId,
		participations: matchingParticipations(f)
	};
}

export async function listActivities(db: Db, scope: TerritoryScope, reach: Reach, f: ActivityFilters, pageSize: number) {
	return db
		.select(listColumns(f))
		.from(activities)
		.where(and(...filterConditions(scope, reach, f)))
		.orderBy(desc(activities.date), desc(activities.id))
		.limit(pageSize)
		.offset((f.page - 1) * pageSize);
}

export async function summariseActivities(db: Db, scope: TerritoryScope, reach: Reach, f: Omit<ActivityFilters, 'page'>) {
	const [row] = await db
		.select({ count: sql<number>`count(*)::int`, participations: sql<number>`coalesce(sum(${matchingParticipations(f)}), 0)::int` })
		.from(activities)
		.where(and(...filterConditions(scope, reach, f)));
	return { count: Number(row?.count ?? 0), participations: Number(row?.participations ?? 0) };
}

/** Every matching activity with its audience cells, in the list's order (newest first): the CSV export. */
export async function exportActivities(db: Db, scope: TerritoryScope, reach: Reach, f: Omit<ActivityFilters, 'page'>) {
	const rows = await db
		.select(listColumns(f))
		.from(activities)
		.where(and(...filterConditions(scope, reach, f)))
		.orderBy(desc(activities.date), desc(activities.id));
	const audiences = rows.length
		? await db
				.select()
				.from(activityAudiences)
				.where(
					and(
						eq(activityAudiences.territoryId, scope.territoryId),
						inArray(
							activityAudiences.activityId,
							rows.map((r) => r.id)
						)
					)
				)
		: [];
	return { rows, audiences, filters: { audience: f.audience, level: f.level } };
}

/** One activity, or null when unknown, in another territory or out of reach (the same answer). */
export async function findActivity(db: Db, scope: TerritoryScope, reach: Reach, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(activities)
		.where(and(eq(activities.territoryId, scope.territoryId), eq(activities.id, id), reachCondition(activities.initiativeId, reach)))
		.limit(1);
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

export async function listAudiences(db: Db, scope: TerritoryScope, activityId: number): Promise<AudienceRow[]> {
	return db
		.select({ audience: activityAudiences.audience, level: activityAudiences.level, count: activityAudiences.count })
		.from(activityAudiences)
		.where(and(eq(activityAudiences.territoryId, scope.territoryId), eq(activityAudiences.activityId, activityId)));
}

export async function insertActivity(db: Db, scope: TerritoryScope, values: Omit<typeof activities.$inferInsert, 'territoryId' | 'id'>) {
	const [row] = await db
		.insert(activities)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updateActivityRow(db: Db, scope: TerritoryScope, id: number, values: Partial<typeof activities.$inferInsert>) {
	const [row] = await db
		.update(activities)
		.set({ ...values, version: sql`${activities.version} + 1`, updatedAt: new Date() })
		.where(and(eq(activities.territoryId, scope.territoryId), eq(activities.id, id)))
		.returning();
	return row!;
}

export async function insertAudiences(db: Db, scope: TerritoryScope, activityId: number, cells: readonly AudienceRow[]) {
	if (cells.length > 0) {
		await db.insert(activityAudiences).values(cells.map((c) => ({ ...c, activityId, territoryId: scope.territoryId })));
	}
}

export async function replaceAudiences(db: Db, scope: TerritoryScope, activityId: number, cells: readonly AudienceRow[]) {
	await db.delete(activityAudiences).where(and(eq(activityAudiences.territoryId, scope.territoryId), eq(activityAudiences.activityId, activityId)));
	await insertAudiences(db, scope, activityId, cells);
}

export async function deleteActivitiesBySource(db: Db, scope: TerritoryScope, source: string) {
	await db.delete(activities).where(and(eq(activities.territoryId, scope.territoryId), eq(activities.source, source)));
}

/** Activities (not cancelled) that a new plan period would leave outside. */
export async function countActivitiesOutside(db: Db, scope: TerritoryScope, startsOn: string | null, endsOn: string | null): Promise<number> {
	if (!startsOn && !endsOn) return 0;
	const outside = or(startsOn ? lt(activities.date, startsOn) : undefined, endsOn ? gt(activities.date, endsOn) : undefined);
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(activities)
		.where(and(eq(activities.territoryId, scope.territoryId), ne(activities.status, 'cancelled'), outside));
	return Number(row?.n ?? 0);
}

/** Of these import fingerprints, those the territory already holds (slices keep each query small). */
export async function findImportKeys(db: Db, scope: TerritoryScope, keys: readonly string[]): Promise<Set<string>> {
	const found = new Set<string>();
	for (let i = 0; i < keys.length; i += 5000) {
		// One JSON parameter, not one parameter per key: a slice of an import asks for 5,000 at once.
		const result = await db.execute(sql`
			select import_key as key from ${activities}
			where territory_id = ${scope.territoryId} and import_key in (select json_array_elements_text(${JSON.stringify(keys.slice(i, i + 5000))}::json))`);
		for (const r of rowsOf<{ key: string | null }>(result)) if (r.key) found.add(r.key);
	}
	return found;
}

/**
 * Inserts imported activities with their audiences: one statement per slice of rows, the rows
 * sent as one JSON parameter (`json_to_recordset`), the activities and their audience counts
 * written together (a data-modifying WITH). A row whose fingerprint is already there (another
 * import of the same file committed meanwhile) is left out with its audiences: the ids returned
 * are those of the rows written. Building a statement of 1,000 rows × 13 columns through Drizzle
 * took most of a 100,000-row import (bench:import); this takes one parameter per slice.
 */
export async function insertImportedActivities(
	db: Db,
	scope: TerritoryScope,
	rows: readonly { values: Omit<typeof activities.$inferInsert, 'territoryId' | 'id'>; audiences: readonly AudienceRow[] }[]
): Promise<{ id: number; importKey: string }[]> {
	const written: { id: number; importKey: string }[] = [];
	for (let i = 0; i < rows.length; i += IMPORT_SLICE) {
		const input = JSON.stringify(
			rows.slice(i, i + IMPORT_SLICE).map(({ values: v, audiences }) => ({
				key: v.importKey,
				initiative: v.initiativeId,
				type: v.type,
				title: v.title,
				date: v.date,
				commune: v.communeCode,
				host: v.hostOrganisationId ?? null,
				status: v.status,
				notes: v.notes ?? null,
				cancel: v.cancelReason ?? null,
				source: v.source ?? 'import',
				author: v.createdBy ?? null,
				audiences: audiences.map((a) => [a.audience, a.level, a.count])
			}))
		);
		const result = await db.execute(sql`
			with input as (
				select * from json_to_recordset(${input}::json) as x(key text, initiative int, type text, title text, date date, commune text, host int, status text, notes text, cancel text, source text, author text, audiences json)
			), inserted as (
				insert into ${activities} (territory_id, initiative_id, type, title, date, commune_code, host_organisation_id, status, notes, cancel_reason, source, import_key, created_by)
				select ${scope.territoryId}, initiative, type, title, date, commune, host, status, notes, cancel, source, key, author from input
				on conflict do nothing
				returning id, import_key
			), counted as (
				insert into ${activityAudiences} (territory_id, activity_id, audience, level, count)
				select ${scope.territoryId}, inserted.id, a.value->>0, a.value->>1, (a.value->>2)::int
				from inserted join input on input.key = inserted.import_key cross join json_array_elements(input.audiences) as a
			)
			select id, import_key as "importKey" from inserted order by id`);
		written.push(...rowsOf<{ id: number; importKey: string }>(result));
	}
	return written;
}

/** Rows per statement of `insertImportedActivities` (about 1.5 MB of JSON). */
const IMPORT_SLICE = 5000;

/** An imported activity as `findImportedLike` gives it: what a row of a spreadsheet is compared with. */
export interface ImportedActivity {
	id: number;
	title: string;
	date: string;
	initiativeId: number;
	communeCode: string;
	type: string;
	status: string;
	importKey: string;
	audiences: AudienceRow[];
}

/**
 * The territory's imported activities on the given (initiative, day, commune) triples, with their
 * audience counts: a row of a spreadsheet whose fingerprint is new but which names one of them
 * (same title) was changed in the file since it was imported. The activities written by the
 * current transaction (an import's earlier slices, `xmin`) are left out: they are the file's own
 * rows, and fetching them made every slice of a large import fetch all the slices before it.
 */
export async function findImportedLike(
	db: Db,
	scope: TerritoryScope,
	places: readonly { initiativeId: number; date: string; communeCode: string }[]
): Promise<ImportedActivity[]> {
	if (places.length === 0) return [];
	const wanted = JSON.stringify(places.map((p) => ({ initiative: p.initiativeId, date: p.date, commune: p.communeCode })));
	const result = await db.execute(sql`
		with wanted as (select distinct * from json_to_recordset(${wanted}::json) as x(initiative int, date date, commune text))
		select a.id, a.title, to_char(a.date, 'YYYY-MM-DD') as date, a.initiative_id as "initiativeId", a.commune_code as "communeCode", a.type, a.status,
			a.import_key as "importKey",
			coalesce((select json_agg(json_build_object('audience', aa.audience, 'level', aa.level, 'count', aa.count))
				from ${activityAudiences} aa where aa.activity_id = a.id and aa.territory_id = ${scope.territoryId}), '[]'::json) as audiences
		from ${activities} a join wanted on a.initiative_id = wanted.initiative and a.date = wanted.date and a.commune_code = wanted.commune
		where a.territory_id = ${scope.territoryId} and a.import_key is not null and a.xmin <> pg_current_xact_id()::xid`);
	return rowsOf<ImportedActivity & { audiences: AudienceRow[] | string }>(result).map((r) => ({
		...r,
		audiences: typeof r.audiences === 'string' ? (JSON.parse(r.audiences) as AudienceRow[]) : r.audiences
	}));
}

/** When the territory's activities last changed (recorded, edited or cancelled): the open data's last update. */
export async function lastActivityChange(db: Db, scope: TerritoryScope): Promise<Date | null> {
	const [row] = await db
		.select({ at: max(activities.updatedAt) })
		.from(activities)
		.where(eq(activities.territoryId, scope.territoryId));
	return row?.at ?? null;
}
