import type { IndicatorFilters } from './indicator.schemas';
import type { TerritoryIndicator } from './indicator.usecases';

/** The filter form shows only the period applied, so it never displays values that were ignored. */
export function indicatorFilterValues(f: IndicatorFilters): Record<string, string> {
	return {
		period: f.period,
		schoolYear: f.period === 'year' ? (f.schoolYear ?? '') : '',
		fromMonth: f.period === 'months' ? (f.fromMonth ?? '') : '',
		toMonth: f.period === 'months' ? (f.toMonth ?? '') : '',
		initiativeId: f.initiativeId ? String(f.initiativeId) : ''
	};
}

/** The figures the territory's home page leads with. */
export function indicatorHeadline(indicator: TerritoryIndicator) {
	return { participations: indicator.participations, activities: indicator.activities, byInitiative: indicator.byInitiative };
}
