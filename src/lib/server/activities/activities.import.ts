import { z } from 'zod';
import { IMPORT_FIELDS } from '../../domain/import-vocabulary';
import { ACTIVITY_TYPES, type ActivityType } from '../../domain/reference';
import { translator, type Locale } from '../../i18n';
import { offeredTypesByInitiative } from '../activity-types/activity-types.usecases';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { eachSpreadsheetRow, SPREADSHEET_LIMITS, type SpreadsheetKind, type SpreadsheetLimits } from '../files/spreadsheet-rows';
import { applyActivities } from '../indicator/indicator.contributions';
import { findPlan, listInitiatives } from '../plan/plan.repository';
import { ValidationError } from '../shared/errors';
import { todayInParis } from '../shared/paris-time';
import type { Actor, TerritoryScope } from '../shared/scope';
import { listCommunes } from '../territories/territories.repository';
import { ActivityNotFoundError } from './activities.errors';
import { changedSinceImport } from './activities.import-changed';
import {
	activityRowAnalyser,
	type ColumnMapping,
	type ImportColumn,
	type ImportContext,
	type ImportDraft,
	type ImportProblem,
	type RowAnalysis
} from './activities.import-rows';
import { mayWriteSomeInitiative } from './activities.policy';
import { findImportedLike, findImportKeys, insertImportedActivities, type ImportedActivity } from './activities.repository';
import type { ActivityInput } from './activities.schemas';
import { reachOf } from './activities.usecases';

/*
 * The import of a legacy spreadsheet of activities (XLSX or CSV): read, analysed row by row
 * (activities.import-rows.ts), then — when no row has a problem and it is not a dry run — written
 * in one transaction with the indicator's aggregates and one audit event. A row already imported
 * (same fingerprint) is counted as a duplicate and left as it is.
 */

export type ImportPhase = 'read' | 'check' | 'write';
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

export interface ActivityImportSummary {
	dryRun: boolean;
	kind: SpreadsheetKind;
	headerLine: number | null;
	columns: ImportColumn[];
	samples: { line: number; cells: string[] }[];
	rows: number;
	valid: number;
	skipped: { line: number; reason: 'blank' | 'total' }[];
	problems: ImportProblem[];
	/** Activities written (0 on a dry run or when any row has a problem). */
	created: number;
	/** Valid rows already imported before (same content, same rank in the file). */
	duplicates: number;
	/** Participations the new activities add to the indicator (done ones only). */
	participations: number;
	preview: {
		line: number;
		title: string;
		date: string;
		initiative: string;
		commune: string;
		status: string;
		participations: number;
		audiences: ActivityInput['audiences'];
	}[];
}

const PREVIEW_ROWS = 20;
/**
 * The largest file the import page takes: a form's body is capped by BODY_SIZE_LIMIT (12 MB), so
 * the page stays under it; larger files go through `mixite import` (SPREADSHEET_LIMITS).
 */
export const IMPORT_PAGE_MAX_BYTES = 10 * 1024 * 1024;

/** A mapping as the page or `--mapping mapping.json` gives it: `columns` (or `colonnes`) and `headerRow`. */
const mappingSchema = z
	.object({
		headerRow: z.number().int().positive().optional(),
		columns: z.record(z.string(), z.enum([...IMPORT_FIELDS, 'ignore'])).optional(),
		colonnes: z.record(z.string(), z.enum([...IMPORT_FIELDS, 'ignore'])).optional()
	})
	.strict()
	.transform(({ headerRow, columns, colonnes }): ColumnMapping => ({ headerRow, columns: { ...colonnes, ...columns } }));

/** A column mapping from JSON text; unreadable → a French error next to the mapping. */
export function parseColumnMapping(text: string | null | undefined): ColumnMapping {
	if (!text || text.trim() === '') return {};
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new ValidationError({ mapping: { key: 'spreadsheet.error.mapping' } });
	}
	const parsed = mappingSchema.safeParse(json);
	if (!parsed.success) throw new ValidationError({ mapping: { key: 'spreadsheet.error.mapping' } });
	return parsed.data;
}

/**
 * The page's form → a mapping: one select `map:<header as written>` per column (a field or
 * `ignore`) and `headerRow`; read by the same schema as the JSON of `--mapping`.
 */
export function mappingFromForm(form: FormData): ColumnMapping {
	const columns: Record<string, string> = {};
	for (const [name, value] of form.entries()) if (name.startsWith('map:') && typeof value === 'string' && value !== '') columns[name.slice(4)] = value;
	const headerRow = form.get('headerRow');
	const raw = {
		...(Object.keys(columns).length > 0 ? { columns } : {}),
		...(typeof headerRow === 'string' && headerRow !== '' ? { headerRow: Number(headerRow) } : {})
	};
	const parsed = mappingSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError({ mapping: { key: 'spreadsheet.error.mapping' } });
	return parsed.data;
}

/**
 * A spreadsheet posted by the import page (field `file`, the mapping's selects): no file or an
 * empty one is refused next to the field; the rest is `importActivities`.
 */
export async function importUploadedSpreadsheet(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	form: FormData,
	options: { dryRun: boolean; locale?: Locale; onProgress?: ImportProgress }
): Promise<ActivityImportSummary> {
	// Refused as not found before anything of the request is looked at, as importActivities would.
	if (!mayWriteSomeInitiative(await reachOf(db, scope, actor, 'write'))) throw new ActivityNotFoundError();
	const file = form.get('file');
	if (!(file instanceof File) || (file.size === 0 && file.name === '')) throw new ValidationError({ file: { key: 'spreadsheet.error.empty' } });
	if (file.size === 0) throw new ValidationError({ file: { key: 'spreadsheet.error.empty_file' } });
	const mapping = mappingFromForm(form);
	return importActivities(
		db,
		scope,
		actor,
		{ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name },
		{ ...options, mapping, limits: { ...SPREADSHEET_LIMITS, bytes: IMPORT_PAGE_MAX_BYTES } }
	);
}

/** A cell as the person sees it in her spreadsheet (a day as dd/mm/yyyy), cut for the page. */
const shownCell = (value: unknown) =>
	(value instanceof Date ? value.toISOString().slice(0, 10).split('-').reverse().join('/') : String(value ?? '')).slice(0, 60);

/** Rows written per statement, and checked against the database per query, while the file is read. */
const SLICE = 5000;

/** Thrown inside the transaction to roll back a commit in which a row had a problem. */
class RollBack extends Error {}

export async function importActivities(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	file: { bytes: Uint8Array; name?: string },
	options: { dryRun: boolean; mapping?: ColumnMapping; locale?: Locale; today?: string; limits?: SpreadsheetLimits; onProgress?: ImportProgress }
): Promise<ActivityImportSummary> {
	const reach = await reachOf(db, scope, actor, 'write');
	if (!mayWriteSomeInitiative(reach)) throw new ActivityNotFoundError();
	const [initiatives, communes, plan] = [await listInitiatives(db, scope), await listCommunes(db, scope), await findPlan(db, scope)];
	const french = translator('fr');
	const context: ImportContext = {
		initiatives,
		communes: communes.map((c) => ({ code: c.codeInsee, name: c.name })),
		offeredTypes: await offeredTypesByInitiative(
			db,
			scope,
			initiatives.map((i) => i.id)
		),
		plan: plan ? { startsOn: plan.startsOn, endsOn: plan.endsOn } : null,
		reach,
		today: options.today ?? todayInParis(),
		t: translator(options.locale ?? 'fr'),
		frenchTypeLabels: Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, french(`type.${type}`)])) as Record<ActivityType, string>
	};
	const names = { initiative: new Map(initiatives.map((i) => [i.id, i.name])), commune: new Map(communes.map((c) => [c.codeInsee, c.name])) };
	const run = (into: Db) => importRows(into, scope, actor, file, context, names, options);
	if (options.dryRun) return (await run(db)).summary;
	let outcome: ImportOutcome | undefined;
	try {
		await db.transaction(async (tx) => {
			outcome = await run(tx);
			if (!outcome.committed) throw new RollBack();
		});
	} catch (error) {
		if (!(error instanceof RollBack)) throw error;
	}
	return outcome!.summary;
}

interface ImportOutcome {
	summary: ActivityImportSummary;
	/** False when nothing is to be kept (a dry run, a problem, nothing new): the caller rolls back. */
	committed: boolean;
}

/**
 * The file's rows read, checked and — on a commit, while no row has had a problem — written as
 * they come, a slice at a time, so that the database writes one slice while the next is read and
 * the whole sheet is never held. Whether a row is already there (its fingerprint) is asked per
 * slice; a row at the place of an activity imported before (same initiative, day and commune)
 * waits for the end of the file, when every fingerprint of the file is known. The activities
 * written are added to the aggregates once, at the end (`applyActivities`).
 */
async function importRows(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	file: { bytes: Uint8Array; name?: string },
	context: ImportContext,
	names: { initiative: Map<number, string>; commune: Map<string, string> },
	options: { dryRun: boolean; mapping?: ColumnMapping; limits?: SpreadsheetLimits; onProgress?: ImportProgress }
): Promise<ImportOutcome> {
	const progress = options.onProgress;
	const inFile = new Set<string>();
	const suspects = new Map<number, ImportedActivity>();
	const held: ImportDraft[] = [];
	const fresh = { count: 0, participations: 0, preview: [] as ImportDraft[] };
	/** Ids of the activities written, in order. */
	const written: number[] = [];
	let valid = 0;
	let duplicates = 0;
	let slice: ImportDraft[] = [];
	let work: Promise<void> = Promise.resolve();
	let reading = true;

	const analysis = activityRowAnalyser(context, options.mapping ?? {}, (draft) => {
		valid++;
		inFile.add(draft.importKey);
		slice.push(draft);
		if (slice.length === SLICE) {
			queue(slice);
			slice = [];
		}
	});
	/** Nothing is written once a row has had a problem: the transaction will be rolled back. */
	const mayWrite = () => !options.dryRun && analysis.problemCount() === 0;
	const take = (drafts: readonly ImportDraft[]) => {
		fresh.count += drafts.length;
		for (const d of drafts) if (d.status === 'done') fresh.participations += d.participations;
		// The first rows of the file among those to create (held rows come last but may come first in the file).
		fresh.preview = [...fresh.preview, ...drafts.slice(0, PREVIEW_ROWS)].sort((a, b) => a.line - b.line).slice(0, PREVIEW_ROWS);
	};
	const write = async (drafts: readonly ImportDraft[]) => {
		if (!mayWrite() || drafts.length === 0) return;
		const ids = await writeDrafts(db, scope, actor, drafts);
		written.push(...ids);
		duplicates += drafts.length - ids.length;
		if (!reading) progress?.('write', written.length, fresh.count);
	};
	/** A slice of valid rows: those already there are duplicates, those at the place of an activity imported before wait, the rest are written. */
	const settle = async (drafts: readonly ImportDraft[]) => {
		if (drafts.length === 0) return;
		const existing = await findImportKeys(
			db,
			scope,
			drafts.map((d) => d.importKey)
		);
		const unseen = drafts.filter((d) => !existing.has(d.importKey));
		duplicates += drafts.length - unseen.length;
		const near = new Set<string>();
		for (const activity of await findImportedLike(
			db,
			scope,
			unseen.map((d) => d.input)
		))
			if (!inFile.has(activity.importKey)) {
				suspects.set(activity.id, activity);
				near.add(placeOf(activity));
			}
		held.push(...unseen.filter((d) => near.has(placeOf(d.input))));
		const ready = unseen.filter((d) => !near.has(placeOf(d.input)));
		take(ready);
		await write(ready);
	};
	/** Slices queued and not yet settled, oldest first (never rejected: `work` carries the error, `failed` too). */
	const pending: Promise<void>[] = [];
	let failed: { error: unknown } | undefined;
	function queue(drafts: readonly ImportDraft[]) {
		work = work.then(() => settle(drafts));
		const done = work.then(
			() => {},
			(error: unknown) => void (failed ??= { error })
		);
		pending.push(done);
		void done.then(() => pending.splice(pending.indexOf(done), 1));
	}
	/** A slice that failed to settle (the database) stops the reading with its error: the rest of the file would be read for nothing. */
	const stopOnFailure = () => {
		if (failed) throw failed.error;
	};
	/** The reading waits while two slices are queued: one is written while the next is read, no more are held. */
	const between = () => {
		stopOnFailure();
		return pending.length > 1 ? pending[0]!.then(stopOnFailure) : undefined;
	};

	let kind: SpreadsheetKind;
	let found: RowAnalysis;
	try {
		kind = await eachSpreadsheetRow(file.bytes, { limits: options.limits, between, name: file.name }, (row) => {
			analysis.push(row);
			if (progress && row.line % 1000 === 0) progress('read', row.line, 0);
		});
		found = analysis.finish();
		if (found.headerLine === null) throw new ValidationError({ file: { key: 'spreadsheet.error.no_header' } });
		progress?.('check', found.rows, found.rows);
		queue(slice);
		reading = false;
		await work;
	} finally {
		// Whatever went wrong (the file, a progress line to a closed page), the slices under way end
		// before this returns: run after the rollback, one would write outside the transaction.
		await work.catch(() => {});
	}

	// The rows that waited: paired, in the file's order, with the activities imported before that
	// no row of the file names any more.
	const changed = changedSinceImport(
		held.sort((a, b) => a.line - b.line),
		[...suspects.values()].filter((a) => !inFile.has(a.importKey))
	);
	const rest = held.filter((d) => !changed.rows.has(d));
	duplicates += changed.rows.size - changed.problems.length;
	take(rest);
	await write(rest);
	// The aggregates once, at the end: their cells are locked from then to the commit only, as by
	// any other write of the territory's activities.
	if (mayWrite() && changed.problems.length === 0) await applyActivities(db, scope, written);

	const problems = [...found.problems, ...changed.problems].sort((a, b) => a.line - b.line);
	const summary: ActivityImportSummary = {
		dryRun: options.dryRun,
		kind,
		headerLine: found.headerLine,
		columns: found.columns,
		samples: found.samples.map((r) => ({ line: r.line, cells: r.cells.map(shownCell) })),
		rows: found.rows,
		valid: valid - changed.problems.length,
		skipped: found.skipped,
		problems,
		created: 0,
		duplicates,
		participations: fresh.participations,
		preview: fresh.preview
			.sort((a, b) => a.line - b.line)
			.slice(0, PREVIEW_ROWS)
			.map((d) => ({
				line: d.line,
				title: d.input.title,
				date: d.input.date,
				initiative: names.initiative.get(d.input.initiativeId) ?? '',
				commune: names.commune.get(d.input.communeCode) ?? d.input.communeCode,
				status: d.status,
				participations: d.participations,
				audiences: d.input.audiences
			}))
	};
	if (options.dryRun || problems.length > 0 || written.length === 0) return { summary, committed: false };
	summary.created = written.length;
	await recordAudit(db, scope, actor, {
		action: 'import',
		entityType: 'activity_import',
		entityId: written[0]!,
		after: {
			file: file.name ?? null,
			rows: summary.rows,
			created: summary.created,
			duplicates: summary.duplicates,
			participations: summary.participations,
			activityIds: `${written[0]}–${written.at(-1)}`
		}
	});
	return { summary, committed: true };
}

/** Where an activity took place: its initiative, day and commune. */
const placeOf = (a: { initiativeId: number; date: string; communeCode: string }) => `${a.initiativeId}|${a.date}|${a.communeCode}`;

/** Writes a slice of new rows (the aggregates are added once, at the end); the ids written (a row imported meanwhile is left out). */
async function writeDrafts(tx: Db, scope: TerritoryScope, actor: Actor, drafts: readonly ImportDraft[]): Promise<number[]> {
	const written = await insertImportedActivities(
		tx,
		scope,
		drafts.map((d) => ({
			values: {
				initiativeId: d.input.initiativeId,
				type: d.input.type,
				title: d.input.title,
				date: d.input.date,
				communeCode: d.input.communeCode,
				hostOrganisationId: null,
				status: d.status,
				notes: d.input.notes,
				cancelReason: d.status === 'cancelled' ? 'Annulée (tableau importé)' : null,
				source: 'import',
				importKey: d.importKey,
				createdBy: actor.userId
			},
			audiences: d.input.audiences
		}))
	);
	return written.map((w) => w.id);
}
