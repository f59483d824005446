import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossTableEquations, determinedCells, suppressCells, type CrossTable, type Equation } from './suppression';

/** A cross table of inner values, with its totals computed, as the open data builds it. */
function table(inner: number[][], groups?: number[][]) {
	const rows = inner.map((_, i) => `r${i}`);
	const columns = (inner[0] ?? []).map((_, j) => `c${j}`);
	const layout: CrossTable = {
		rows,
		columns,
		groups: groups?.map((members, g) => ({ key: `g${g}`, rows: members.map((i) => `r${i}`) })),
		totalRow: 'T',
		totalColumn: 'T',
		cell: (r, c) => `${r}|${c}`
	};
	const values = new Map<string, number>();
	inner.forEach((row, i) => row.forEach((v, j) => values.set(`r${i}|c${j}`, v)));
	const equations = crossTableEquations(layout);
	// Totals are computed in the order the equations were written: rows first, then subtotals, then the total row.
	for (let pass = 0; pass < 3; pass++) {
		for (const eq of equations) {
			if (eq.parts.every((p) => values.has(p)))
				values.set(
					eq.total,
					eq.parts.reduce((n, p) => n + values.get(p)!, 0)
				);
		}
	}
	return { values, equations };
}

/** Independent check: every equation still holds on a candidate table. */
function satisfies(values: ReadonlyMap<string, number>, equations: readonly Equation[]) {
	return equations.every((eq) => values.get(eq.total) === eq.parts.reduce((n, p) => n + (values.get(p) ?? 0), 0));
}

type Fraction = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const norm = ([n, d]: Fraction): Fraction => {
	if (n === 0n) return [0n, 1n];
	const g = gcd(n, d) * (d < 0n ? -1n : 1n);
	return [n / g, d / g];
};

/**
 * Another table with the same published cells and a different value for `cell`, found with exact
 * fractions (a null-space vector of the system in the withheld cells), scaled to integers, and
 * checked on the table itself: non-negative integers, every equation holding, published cells equal.
 */
function alternative(values: ReadonlyMap<string, number>, equations: readonly Equation[], suppressed: ReadonlySet<string>, cell: string) {
	const unknowns = [...suppressed];
	const index = new Map(unknowns.map((k, i) => [k, i]));
	const m: Fraction[][] = equations
		.map((eq) => {
			const row: Fraction[] = unknowns.map(() => [0n, 1n]);
			for (const [k, s] of [[eq.total, -1n] as const, ...eq.parts.map((p) => [p, 1n] as const)]) {
				const i = index.get(k);
				if (i !== undefined) row[i] = norm([row[i]![0] + s, 1n]);
			}
			return row;
		})
		.filter((row) => row.some(([n]) => n !== 0n));
	const pivotOfRow: number[] = [];
	let rank = 0;
	for (let c = 0; c < unknowns.length; c++) {
		const r = m.findIndex((row, i) => i >= rank && row[c]![0] !== 0n);
		if (r < 0) continue;
		[m[rank], m[r]] = [m[r]!, m[rank]!];
		const [pn, pd] = m[rank]![c]!;
		m[rank] = m[rank]!.map(([n, d]) => norm([n * pd, d * pn]));
		for (let i = 0; i < m.length; i++) {
			if (i === rank || m[i]![c]![0] === 0n) continue;
			const [fn, fd] = m[i]![c]!;
			m[i] = m[i]!.map(([n, d], k) => {
				const [qn, qd] = m[rank]![k]!;
				return norm([n * fd * qd - fn * qn * d, d * fd * qd]);
			});
		}
		pivotOfRow.push(c);
		rank++;
	}
	const target = index.get(cell)!;
	const free = unknowns.map((_, i) => i).filter((i) => !pivotOfRow.includes(i));
	const pivotRow = pivotOfRow.indexOf(target);
	for (const f of free) {
		if (f !== target && (pivotRow < 0 || m[pivotRow]![f]![0] === 0n)) continue;
		// The null-space vector of free column f: 1 at f, minus the pivot rows' coefficients at their pivots.
		const direction: Fraction[] = unknowns.map(() => [0n, 1n]);
		direction[f] = [1n, 1n];
		pivotOfRow.forEach((p, r) => (direction[p] = norm([-m[r]![f]![0], m[r]![f]![1]])));
		const lcm = direction.reduce((l, [, d]) => (l * d) / gcd(l, d), 1n);
		for (const sign of [1n, -1n]) {
			const candidate = new Map(values);
			unknowns.forEach((k, i) => candidate.set(k, values.get(k)! + Number((sign * direction[i]![0] * lcm) / direction[i]![1])));
			if ([...candidate.values()].every((v) => v >= 0) && satisfies(candidate, equations) && candidate.get(cell) !== values.get(cell)) return candidate;
		}
	}
	return undefined;
}

function expectProtected(values: ReadonlyMap<string, number>, equations: readonly Equation[]) {
	const { suppressed, primary } = suppressCells(values, equations);
	for (const [k, v] of values) if (v >= 1 && v <= 4) expect(primary.has(k), k).toBe(true);
	for (const k of suppressed) expect(values.get(k), k).toBeGreaterThan(0);
	for (const eq of equations) {
		const withheld = [eq.total, ...eq.parts].filter((k) => suppressed.has(k)).length;
		expect(withheld === 0 || withheld >= 2, `${eq.total} = ${eq.parts.join(' + ')}`).toBe(true);
	}
	expect(determinedCells(equations, suppressed)).toEqual([]);
	for (const cell of suppressed) {
		const other = alternative(values, equations, suppressed, cell);
		expect(other, `${cell} has another feasible value`).toBeDefined();
		for (const [k, v] of values) if (!suppressed.has(k)) expect(other!.get(k)).toBe(v);
	}
	return suppressed;
}

describe('withholding small cells in the open data', () => {
	it('publishes a table without small cells as it is', () => {
		const { values, equations } = table([
			[12, 30],
			[7, 0]
		]);
		expect(suppressCells(values, equations).suppressed.size).toBe(0);
	});

	it('withholds a cell of 3 people and, in its row and its column, other cells so that it cannot be subtracted, keeping every total', () => {
		const { values, equations } = table([
			[3, 20, 40],
			[9, 15, 50],
			[30, 8, 60]
		]);
		const suppressed = expectProtected(values, equations);
		expect(suppressed.has('r0|c0')).toBe(true);
		// Inner cells only: every total stays published.
		expect([...suppressed].filter((k) => k.includes('T'))).toEqual([]);
		expect(suppressed.size).toBeGreaterThanOrEqual(4);
	});

	it('keeps a zero published and withholds a row total of 4 with what makes it up', () => {
		const { values, equations } = table([
			[0, 4],
			[10, 20]
		]);
		const suppressed = expectProtected(values, equations);
		expect(suppressed.has('r0|c0')).toBe(false);
		expect(suppressed.has('r0|T')).toBe(true);
		expect(suppressed.has('r0|c1')).toBe(true);
	});

	it('withholds across the hierarchy: a commune of 2 inside its EPCI, and the EPCI inside the territory', () => {
		const { values, equations } = table(
			[
				[2, 30],
				[12, 40],
				[20, 25],
				[11, 9]
			],
			[
				[0, 1],
				[2, 3]
			]
		);
		const suppressed = expectProtected(values, equations);
		expect(suppressed.has('r0|c0')).toBe(true);
		expect(suppressed.has('r1|c0')).toBe(true);
	});

	it('breaks a suppression pattern that rows and columns alone would leave recomputable (a bridge between two rectangles)', () => {
		// Two 2×2 blocks of small cells joined by one cell: each line holds two withheld cells, yet the joining cell follows from the totals.
		const { values, equations } = table([
			[2, 3, 50, 0],
			[4, 1, 0, 0],
			[0, 0, 2, 3],
			[0, 0, 4, 1]
		]);
		expectProtected(values, equations);
	});

	it('never leaves a withheld cell recomputable, whatever the table (random tables with many small cells)', () => {
		const count = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }) });
		const shape = fc
			.record({ rows: fc.integer({ min: 1, max: 7 }), columns: fc.integer({ min: 1, max: 5 }), grouped: fc.boolean() })
			.chain(({ rows, columns, grouped }) =>
				fc.record({
					inner: fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
					cut: grouped && rows > 1 ? fc.integer({ min: 1, max: rows - 1 }) : fc.constant(0)
				})
			);
		fc.assert(
			fc.property(shape, ({ inner, cut }) => {
				const groups = cut > 0 ? [inner.slice(0, cut).map((_, i) => i), inner.slice(cut).map((_, i) => i + cut)] : undefined;
				const { values, equations } = table(inner, groups);
				expectProtected(values, equations);
			}),
			{ numRuns: 400, seed: 20261201 }
		);
	});

	it('protects tables that share their totals as one system: a total withheld in one is withheld in the other', () => {
		// Year × audience and initiative × audience share the audience totals and the grand total.
		const a = table([
			[3, 40],
			[20, 30]
		]);
		const b = table([
			[23, 60],
			[0, 10]
		]);
		const rename = (k: string, prefix: string) => (k.startsWith('T|') ? k : `${prefix}${k}`);
		const values = new Map<string, number>();
		const equations: Equation[] = [];
		for (const [prefix, t] of [
			['a:', a],
			['b:', b]
		] as const) {
			for (const [k, v] of t.values) values.set(rename(k, prefix), v);
			for (const eq of t.equations) equations.push({ total: rename(eq.total, prefix), parts: eq.parts.map((p) => rename(p, prefix)) });
		}
		expect(values.get('T|c0')).toBe(23);
		expectProtected(values, equations);
	});
});
