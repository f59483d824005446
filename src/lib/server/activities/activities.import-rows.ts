import { hash } from 'node:crypto';
import type { MessageKey, Translate } from '../../i18n';
import {
	findHeaderRow,
	isTotalRow,
	levelOf,
	matchCommune,
	matchInitiative,
	normalizeOnce,
	parseCount,
	parseFrenchDate,
	recogniseHeader,
	REQUIRED_FIELDS,
	secondChoiceOfHeader,
	statusOf,
	typeOf,
	type ImportField,
	type ImportStatus
} from '../../domain/import-vocabulary';
import { AUDIENCE_CODES, levelsFor, type ActivityType, type Audience, type Level } from '../../domain/reference';
import type { SheetRow } from '../files/spreadsheet-rows';
import { toFieldErrors } from '../shared/form';
import { inReach, type Reach } from '../shared/reach';
import { activityInputSchema, type ActivityInput } from './activities.schemas';

/*
 * A legacy spreadsheet's rows → activity drafts and problems, before anything is written. Pure:
 * the territory's initiatives, communes, offered types and plan period come in `ImportContext`.
 * A draft is checked by the same schema as the activity form (`activityInputSchema`), so an
 * imported activity obeys the same rules as a typed one.
 */

export interface ImportContext {
	initiatives: readonly { id: number; name: string }[];
	communes: readonly { code: string; name: string }[];
	offeredTypes: ReadonlyMap<number, readonly string[]>;
	plan: { startsOn: string | null; endsOn: string | null } | null;
	reach: Reach;
	today: string;
	/** Labels in the reader's language (audiences, fields, activity types in French for matching). */
	t: Translate;
	frenchTypeLabels: Readonly<Record<ActivityType, string>>;
}

/** Header as written in the file → the field it holds ('ignore' leaves a column out). */
export interface ColumnMapping {
	headerRow?: number;
	columns?: Record<string, ImportField | 'ignore'>;
}

export interface ImportProblem {
	/** The spreadsheet's own row number. */
	line: number;
	/** The header as written in the file ('' for a problem of the whole row). */
	column: string;
	key: MessageKey;
	params?: Record<string, string | number>;
}

export interface ImportColumn {
	index: number;
	header: string;
	field: ImportField | null;
}

export interface ImportDraft {
	line: number;
	input: ActivityInput;
	status: ImportStatus;
	/** Fingerprint of the row: its content and its rank among identical rows of the file. */
	importKey: string;
	participations: number;
}

export interface RowAnalysis {
	headerLine: number | null;
	columns: ImportColumn[];
	/** Activity rows read (blank and TOTAL rows aside). */
	rows: number;
	skipped: { line: number; reason: 'blank' | 'total' }[];
	problems: ImportProblem[];
	/** First rows of the data, for the preview of the mapping. */
	samples: SheetRow[];
}

/** Rows looked at for the header row when the mapping does not name it. */
const HEADER_SEARCH_ROWS = 20;

const isBlank = (cells: readonly unknown[]) => cells.every((c) => c === null || c === undefined || String(c).trim() === '');
/** A cell as the person sees it in her spreadsheet: a day as dd/mm/yyyy, a decimal with a comma. */
const text = (value: unknown) =>
	value instanceof Date
		? value.toISOString().slice(0, 10).split('-').reverse().join('/')
		: typeof value === 'number'
			? String(value).replace('.', ',')
			: String(value ?? '').trim();
/** A cell quoted in a message: cut to a readable length. */
const shown = (value: unknown) => text(value).slice(0, 80);

/**
 * The columns of the header row: the mapping's choice, else the recognised field; a field taken
 * once. Ambiguous headers (« Action ») are placed last: their first field when it is still free,
 * else their second (the initiative when « Intitulé » holds the title).
 */
function columnsOf(header: readonly unknown[], mapping: ColumnMapping): ImportColumn[] {
	const taken = new Set<ImportField>();
	const columns: ImportColumn[] = header.map((cell, index) => ({ index, header: shown(cell), field: null }));
	const assign = (column: ImportColumn, fields: readonly (ImportField | null)[]) => {
		const field = fields.find((f) => f !== null && !taken.has(f));
		if (field) {
			taken.add(field);
			column.field = field;
		}
	};
	const ambiguous = (column: ImportColumn) => mapping.columns?.[column.header] === undefined && secondChoiceOfHeader(column.header) !== null;
	for (const column of columns.filter((c) => !ambiguous(c))) {
		const chosen = mapping.columns?.[column.header];
		if (chosen !== 'ignore') assign(column, [chosen ?? recogniseHeader(column.header)]);
	}
	for (const column of columns.filter(ambiguous)) assign(column, [recogniseHeader(column.header), secondChoiceOfHeader(column.header)]);
	return columns;
}

function fingerprint(input: ActivityInput, status: ImportStatus): string {
	const audiences = [...input.audiences].map((a) => `${a.audience}.${a.level}=${a.count}`).sort();
	const content = JSON.stringify([
		input.initiativeId,
		input.type,
		normalizeOnce(input.title),
		input.date,
		input.communeCode,
		status,
		input.notes ?? '',
		audiences
	]);
	return hash('sha256', content, 'base64url').slice(0, 32);
}

/** Schema issues (field paths of the activity form) → the column they belong to. */
const FIELD_OF_PATH: Record<string, ImportField> = {
	title: 'title',
	date: 'date',
	initiativeId: 'initiative',
	type: 'type',
	communeCode: 'commune',
	status: 'status',
	notes: 'notes'
};

function cached<K, V>(compute: (key: K) => V): (key: K) => V {
	const cache = new Map<K, V>();
	return (key) => {
		if (!cache.has(key)) cache.set(key, compute(key));
		return cache.get(key)!;
	};
}

/**
 * A sheet's rows, given one at a time as they are read (`push`), checked as they come: each valid
 * row is given to `onDraft` at once, so the whole sheet is never held; `problemCount` tells how
 * many problems were found so far, `finish` what was found in all. Rows are held only until the header row is known (among the first 20, or the mapping's
 * `headerRow`).
 */
export function activityRowAnalyser(
	context: ImportContext,
	mapping: ColumnMapping,
	onDraft: (draft: ImportDraft) => void
): { push: (row: SheetRow) => void; problemCount: () => number; finish: () => RowAnalysis } {
	const { t } = context;
	const result: RowAnalysis = { headerLine: null, columns: [], rows: 0, skipped: [], problems: [], samples: [] };
	let held: SheetRow[] | null = [];
	let check: ((row: SheetRow) => void) | null = null;

	const initiativeOf = cached((text: string) => matchInitiative(text, context.initiatives));
	const communeOf = cached((text: string) => matchCommune(text, context.communes));
	const typeOfText = cached((text: string) => typeOf(text, context.frenchTypeLabels));
	const knownInitiatives = context.initiatives.map((i) => `« ${i.name} »`).join(', ');
	const schema = activityInputSchema(context.today);
	const occurrences = new Map<string, number>();

	/** The header row is known: the columns are set and the rows held after it are checked. */
	function settleHeader() {
		const rows = held ?? [];
		held = null;
		const headerIndex =
			mapping.headerRow !== undefined
				? rows.findIndex((r) => r.line === mapping.headerRow)
				: findHeaderRow(rows.slice(0, HEADER_SEARCH_ROWS).map((r) => r.cells));
		if (headerIndex < 0) return;
		const headerRow = rows[headerIndex]!;
		result.headerLine = headerRow.line;
		result.columns = columnsOf(headerRow.cells, mapping);
		const column = new Map(result.columns.filter((c) => c.field).map((c) => [c.field!, c]));
		const missing = REQUIRED_FIELDS.filter((f) => !column.has(f));
		for (const field of missing)
			result.problems.push({ line: headerRow.line, column: '', key: 'spreadsheet.problem.column_missing', params: { field: t(`spreadsheet.field.${field}`) } });
		const checkRow = missing.length > 0 ? null : rowChecker(column);
		check = (row) => {
			const blank = isBlank(row.cells);
			const total = !blank && isTotalRow(row.cells);
			if (!blank && !total && result.samples.length < 3) result.samples.push(row);
			checkRow?.(row, blank, total);
		};
		for (const row of rows.slice(headerIndex + 1)) check(row);
	}

	return {
		push(row) {
			if (held) {
				held.push(row);
				if (mapping.headerRow !== undefined ? row.line === mapping.headerRow : held.length === HEADER_SEARCH_ROWS) settleHeader();
				return;
			}
			check?.(row);
		},
		problemCount: () => result.problems.length,
		finish() {
			if (held) settleHeader();
			return result;
		}
	};

	function rowChecker(column: Map<ImportField, ImportColumn>) {
		const audienceColumns = AUDIENCE_CODES.filter((a) => column.has(a)).map((a) => ({ audience: a, column: column.get(a)! }));
		return (row: SheetRow, blank: boolean, total: boolean) => {
			if (blank) {
				result.skipped.push({ line: row.line, reason: 'blank' });
				return;
			}
			if (total) {
				result.skipped.push({ line: row.line, reason: 'total' });
				return;
			}
			result.rows++;
			const problems: ImportProblem[] = [];
			const cell = (field: ImportField) => {
				const c = column.get(field);
				return c ? (row.cells[c.index] ?? null) : null;
			};
			const problem = (field: ImportField | '', key: MessageKey, params?: Record<string, string | number>) => {
				if (field !== '' && problems.some((p) => p.column === column.get(field)?.header)) return;
				problems.push({ line: row.line, column: field === '' ? '' : (column.get(field)?.header ?? ''), key, params });
			};

			const title = text(cell('title'));
			if (!title) problem('title', 'spreadsheet.problem.required');

			const rawDate = cell('date');
			const date = parseFrenchDate(rawDate);
			if (rawDate === null || shown(rawDate) === '') problem('date', 'spreadsheet.problem.required');
			else if (!date) problem('date', 'spreadsheet.problem.date', { value: shown(rawDate) });

			const initiativeText = shown(cell('initiative'));
			const initiative = initiativeText ? initiativeOf(initiativeText) : null;
			if (!initiativeText) problem('initiative', 'spreadsheet.problem.required');
			else if (!initiative) problem('initiative', 'spreadsheet.problem.initiative', { value: initiativeText, known: knownInitiatives });
			else if (!inReach(context.reach, initiative.id)) problem('initiative', 'validation.initiative_not_yours');

			const typeText = shown(cell('type'));
			const type = typeOfText(typeText);
			if (!typeText) problem('type', 'spreadsheet.problem.required');
			else if (!type) problem('type', 'spreadsheet.problem.type', { value: typeText });
			else if (initiative && !context.offeredTypes.get(initiative.id)?.includes(type))
				problem('type', 'spreadsheet.problem.type_not_offered', {
					value: typeText,
					offered: (context.offeredTypes.get(initiative.id) ?? []).map((code) => `« ${t(`type.${code}` as MessageKey)} »`).join(', ')
				});

			const communeText = shown(cell('commune'));
			const commune = communeText ? communeOf(communeText) : null;
			if (!communeText) problem('commune', 'spreadsheet.problem.required');
			else if (!commune?.commune)
				problem(
					'commune',
					commune?.nearest.length ? 'spreadsheet.problem.commune_nearest' : 'spreadsheet.problem.commune',
					commune?.nearest.length ? { value: communeText, nearest: commune.nearest.map((n) => `« ${n} »`).join(', ') } : { value: communeText }
				);

			let status: ImportStatus = date && date > context.today ? 'planned' : 'done';
			if (column.has('status')) {
				const read = statusOf(cell('status'));
				if (read === null) problem('status', 'spreadsheet.problem.status', { value: shown(cell('status')) });
				else if (read !== 'empty') status = read;
			}

			const levelText = shown(cell('level'));
			const level: Level | null = levelOf(levelText);
			if (level === null) problem('level', 'spreadsheet.problem.level', { value: levelText });

			const audiences: { audience: Audience; level: Level; count: number }[] = [];
			let countsReadable = true;
			for (const { audience, column: c } of audienceColumns) {
				const raw = row.cells[c.index] ?? null;
				const read = parseCount(raw);
				if ('problem' in read) {
					countsReadable = false;
					problems.push({ line: row.line, column: c.header, key: `spreadsheet.problem.count_${read.problem}`, params: { value: shown(raw) } });
					continue;
				}
				if (read.count === 0) continue;
				const levels = levelsFor(audience);
				const applies = level !== null && levels.includes(level);
				// A level applies to the audiences that have it; the others are counted as « non précisé ».
				if (level !== null && level !== 'unspecified' && !applies && levels.length > 1)
					problem('level', 'spreadsheet.problem.level_audience', { value: levelText, audience: t(`audience.${audience}`) });
				audiences.push({ audience, level: applies ? level! : 'unspecified', count: read.count });
			}
			const sum = audiences.reduce((n, a) => n + a.count, 0);
			if (countsReadable && column.has('total')) {
				const total = parseCount(cell('total'));
				if ('problem' in total) problem('total', `spreadsheet.problem.count_${total.problem}`, { value: shown(cell('total')) });
				else if (shown(cell('total')) !== '' && total.count !== sum) problem('total', 'spreadsheet.problem.total', { total: total.count, sum });
			}

			const raw = {
				initiativeId: initiative?.id,
				type: type ?? typeText,
				title,
				date: date ?? '',
				communeCode: commune?.commune?.code ?? '',
				hostOrganisationId: null,
				// A cancelled row is checked as a planned one: it is kept for the record and counts nothing.
				status: status === 'cancelled' ? 'planned' : status,
				notes: text(cell('notes')) || null,
				audiences
			};
			const parsed = schema.safeParse(raw);
			if (!parsed.success) {
				for (const [path, error] of Object.entries(toFieldErrors(parsed.error))) {
					const field = FIELD_OF_PATH[path.split('.')[0]!];
					if (field && problems.some((p) => p.column === column.get(field)?.header)) continue;
					if (path.startsWith('audiences') && !countsReadable) continue;
					problem(field && column.has(field) ? field : path.startsWith('audiences') && column.has('total') ? 'total' : '', error.key, error.params);
				}
			}
			if (parsed.success && date && context.plan) {
				const { startsOn, endsOn } = context.plan;
				if ((startsOn && date < startsOn) || (endsOn && date > endsOn))
					problem('date', 'validation.outside_plan', { from: startsOn ?? '…', to: endsOn ?? '…' });
			}
			if (problems.length > 0 || !parsed.success) {
				result.problems.push(...problems);
				return;
			}
			const input = parsed.data;
			const content = fingerprint(input, status);
			const rank = (occurrences.get(content) ?? 0) + 1;
			occurrences.set(content, rank);
			onDraft({ line: row.line, input, status, importKey: `${content}.${rank}`, participations: sum });
		};
	}
}
