/** Latency sampling and percentiles. */

export interface Sample {
	name: string;
	iterations: number;
	p50: number;
	p95: number;
	max: number;
	mean: number;
	/** p95 must stay below this (ms); undefined: informational only. */
	target?: number;
	note?: string;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(sorted.length, rank) - 1]!;
}

/**
 * Runs `prepare` (untimed: picks the arguments) then `run` (timed with performance.now()),
 * `warmup` times without recording, then `iterations` times.
 */
export async function measure<A>(
	spec: { name: string; iterations: number; warmup: number; target?: number; note?: string },
	prepare: (i: number) => A,
	run: (args: A) => Promise<unknown>
): Promise<Sample> {
	for (let i = 0; i < spec.warmup; i++) await run(prepare(-1 - i));
	const times: number[] = [];
	for (let i = 0; i < spec.iterations; i++) {
		const args = prepare(i);
		const t0 = performance.now();
		await run(args);
		times.push(performance.now() - t0);
	}
	const sorted = [...times].sort((a, b) => a - b);
	return {
		name: spec.name,
		iterations: spec.iterations,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		max: sorted[sorted.length - 1] ?? Number.NaN,
		mean: times.reduce((s, t) => s + t, 0) / Math.max(1, times.length),
		target: spec.target,
		note: spec.note
	};
}

export function passes(sample: Sample): boolean {
	return sample.target === undefined || sample.p95 < sample.target;
}
