/*
 * Statistical disclosure control for the open data (decision 0013): primary suppression of small
 * cells, then secondary suppression so that no suppressed cell can be recomputed from what is
 * published. Pure: cells are keyed values, tables are additive equations between them, so one
 * system can hold several tables that share margins (a total published twice is one cell).
 */

/** The rules, as data. */
export const SUPPRESSION_RULES = {
	/** A cell counting fewer people than this (and more than `publishZero` allows) is withheld. */
	threshold: 5,
	/** A zero is published: it names nobody, and hiding zeros would only hide that nothing happened. */
	publishZero: true,
	/** What the files write in place of a withheld figure, as INSEE does. */
	mark: 's'
} as const;

/** total = sum of parts, each a cell key. */
export interface Equation {
	total: string;
	parts: readonly string[];
}

export interface SuppressionResult {
	/** Every withheld cell (primary and secondary). */
	suppressed: Set<string>;
	/** The cells withheld because they are small. */
	primary: Set<string>;
}

/** Whether a count is withheld by the primary rule. */
export function isSmallCell(value: number, rules = SUPPRESSION_RULES): boolean {
	if (value === 0) return !rules.publishZero;
	return value > 0 && value < rules.threshold;
}

const EPSILON = 1e-9;

/**
 * The withheld cells that the published cells and the equations still determine exactly: with the
 * withheld cells as unknowns, a cell is determined when its unit vector lies in the row space of the
 * system, i.e. when it is a pivot of the reduced row echelon form whose row has no free column.
 */
export function determinedCells(equations: readonly Equation[], suppressed: ReadonlySet<string>): string[] {
	const unknowns = [...suppressed];
	const column = new Map(unknowns.map((k, i) => [k, i]));
	const matrix: number[][] = [];
	for (const eq of equations) {
		const row = new Array<number>(unknowns.length).fill(0);
		let any = false;
		for (const [key, sign] of [[eq.total, -1] as const, ...eq.parts.map((p) => [p, 1] as const)]) {
			const c = column.get(key);
			if (c === undefined) continue;
			row[c]! += sign;
			any = true;
		}
		if (any) matrix.push(row);
	}
	const pivots: number[] = [];
	let rank = 0;
	for (let c = 0; c < unknowns.length && rank < matrix.length; c++) {
		let best = rank;
		for (let r = rank + 1; r < matrix.length; r++) if (Math.abs(matrix[r]![c]!) > Math.abs(matrix[best]![c]!)) best = r;
		if (Math.abs(matrix[best]![c]!) < EPSILON) continue;
		[matrix[rank], matrix[best]] = [matrix[best]!, matrix[rank]!];
		const pivot = matrix[rank]!;
		const p = pivot[c]!;
		for (let k = 0; k < pivot.length; k++) pivot[k]! /= p;
		for (let r = 0; r < matrix.length; r++) {
			if (r === rank) continue;
			const f = matrix[r]![c]!;
			if (Math.abs(f) < EPSILON) continue;
			const row = matrix[r]!;
			for (let k = 0; k < row.length; k++) row[k]! -= f * pivot[k]!;
		}
		pivots.push(c);
		rank++;
	}
	const isPivot = new Set(pivots);
	const free = unknowns.map((_, i) => i).filter((i) => !isPivot.has(i));
	return pivots.filter((c, r) => free.every((f) => Math.abs(matrix[r]![f]!) < EPSILON)).map((c) => unknowns[c]!);
}

/**
 * Withholds small cells, then, until nothing changes: (1) in every equation holding exactly one
 * withheld cell, withholds the smallest non-zero published cell of that equation; (2) when a
 * withheld cell is still determined by a combination of equations, withholds the smallest
 * non-zero published cell of an equation holding it (or, failing that, of an equation holding a
 * withheld cell, or of the whole system). Zeros are never withheld by (1) or (2): a
 * withheld cell then always counts at least one person, so moving one person around a cycle of
 * withheld cells gives another non-negative table with the same published figures.
 */
export function suppressCells(values: ReadonlyMap<string, number>, equations: readonly Equation[], rules = SUPPRESSION_RULES): SuppressionResult {
	const primary = new Set([...values].filter(([, v]) => isSmallCell(v, rules)).map(([k]) => k));
	const suppressed = new Set(primary);
	const members = equations.map((eq) => [eq.total, ...eq.parts]);
	const valueOf = (k: string) => values.get(k) ?? 0;
	/** The smallest non-zero published cell among these (ties: the first listed, so the result is stable). */
	const smallestPublished = (keys: readonly string[]) =>
		keys
			.filter((k) => !suppressed.has(k) && valueOf(k) > 0)
			.reduce<string | undefined>((best, k) => (best === undefined || valueOf(k) < valueOf(best) ? k : best), undefined);
	for (;;) {
		let changed = false;
		for (const keys of members) {
			if (keys.filter((k) => suppressed.has(k)).length !== 1) continue;
			const next = smallestPublished(keys);
			if (next !== undefined) {
				suppressed.add(next);
				changed = true;
			}
		}
		if (changed) continue;
		const determined = determinedCells(equations, suppressed);
		if (determined.length === 0) return { suppressed, primary };
		// Near the determined cell first; else near any withheld cell; else anywhere. Once every non-zero
		// cell is withheld, the system is homogeneous and no positive cell can be determined: this ends.
		const next =
			determined.map((cell) => smallestPublished(members.filter((keys) => keys.includes(cell)).flat())).find((k) => k !== undefined) ??
			smallestPublished(members.filter((keys) => keys.some((k) => suppressed.has(k))).flat()) ??
			smallestPublished([...values.keys()]);
		if (next === undefined) return { suppressed, primary };
		suppressed.add(next);
	}
}

/** A two-way table laid out as cells and equations: rows × columns, each row and column totalled, rows optionally grouped. */
export interface CrossTable {
	rows: readonly string[];
	columns: readonly string[];
	/** Row groups (e.g. communes in their EPCI): each group's subtotal row, the sum of its rows. */
	groups?: readonly { key: string; rows: readonly string[] }[];
	/** The key of the total row; shared with other tables that publish the same totals. */
	totalRow: string;
	/** The key of the total column. */
	totalColumn: string;
	/** The key of a cell; tables sharing a cell give it the same key. */
	cell: (row: string, column: string) => string;
}

/**
 * The equations of a cross table: every row (inner, group subtotal, total) sums its columns, and
 * every column (total column too) is the sum of the groups' subtotals, each the sum of its rows.
 */
export function crossTableEquations(t: CrossTable): Equation[] {
	const groups = t.groups ?? [];
	const allRows = [...t.rows, ...groups.map((g) => g.key), t.totalRow];
	const allColumns = [...t.columns, t.totalColumn];
	const equations: Equation[] = allRows.map((r) => ({ total: t.cell(r, t.totalColumn), parts: t.columns.map((c) => t.cell(r, c)) }));
	for (const c of allColumns) {
		if (groups.length === 0) {
			equations.push({ total: t.cell(t.totalRow, c), parts: t.rows.map((r) => t.cell(r, c)) });
			continue;
		}
		for (const g of groups) equations.push({ total: t.cell(g.key, c), parts: g.rows.map((r) => t.cell(r, c)) });
		equations.push({ total: t.cell(t.totalRow, c), parts: groups.map((g) => t.cell(g.key, c)) });
	}
	return equations;
}
