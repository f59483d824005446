/** How many shades the map uses at most: more are hard to tell apart on a screen. */
export const MAX_CLASSES = 5;

/** One shade of the map: the lowest and highest rate of the communes it holds, and how many they are. */
export interface RateClass {
	from: number;
	to: number;
	communes: number;
}

/**
 * Classes of rates by quantiles (about as many reached communes in each), so that a few large
 * rates in small villages do not leave every other commune in the palest shade. Equal rates always
 * share a class; each class is bounded by the rates it actually holds, so the legend never names
 * a rate no commune has.
 */
export function rateClasses(rates: readonly number[]): { classes: RateClass[]; classOf: (rate: number) => number } {
	const sorted = [...rates].sort((a, b) => a - b);
	const count = Math.min(MAX_CLASSES, new Set(sorted).size);
	const classes: RateClass[] = [];
	const firstIndex = new Map<number, number>();
	sorted.forEach((rate, i) => {
		if (!firstIndex.has(rate)) firstIndex.set(rate, i);
	});
	const index = new Map<number, number>();
	for (const [rate, first] of firstIndex) {
		const quantile = Math.floor((first * count) / sorted.length);
		const last = classes.at(-1);
		// A quantile swallowed by ties leaves no empty class behind.
		if (!last || quantile > (index.get(last.from) ?? -1)) {
			classes.push({ from: rate, to: rate, communes: 0 });
			index.set(rate, quantile);
		}
		classes.at(-1)!.to = rate;
	}
	const bounds = classes.map((c) => c.to);
	const classOf = (rate: number) => {
		const i = bounds.findIndex((to) => rate <= to);
		return i === -1 ? bounds.length - 1 : i;
	};
	for (const rate of sorted) classes[classOf(rate)]!.communes++;
	return { classes, classOf };
}
