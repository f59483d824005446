import { getApp } from '$lib/server/app';
import { scopeOf } from '$lib/server/http';
import { readIndicatorFilters } from '$lib/server/indicator/indicator.schemas';
import { territoryIndicator } from '$lib/server/indicator/indicator.usecases';
import { listInitiatives } from '$lib/server/plan/plan.repository';
import { schoolYearOf } from '$lib/domain/reference';
import { todayInParis } from '$lib/server/activities/activities.schemas';
import { translator } from '$lib/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = scopeOf(locals);
	const db = getApp().database.db;
	const t = translator(locals.locale);
	const read = readIndicatorFilters(url.searchParams);
	const current = Number(schoolYearOf(todayInParis()).slice(0, 4));
	const schoolYears = Array.from({ length: 6 }, (_, i) => `${current - i}-${current - i + 1}`);
	const initiatives = (await listInitiatives(db, scope)).map((i) => ({ id: i.id, name: i.name }));
	if (!read.ok) {
		// Wrong filters are shown next to their field; no figure is shown for a period that was not asked for.
		const errors = Object.fromEntries(Object.entries(read.errors).map(([field, m]) => [field, t(m.key, m.params)]));
		return { indicator: null, errors, values: read.values, schoolYears, initiatives };
	}
	const indicator = await territoryIndicator(db, scope, read.query);
	const f = read.filters;
	// The form shows only the period applied, so it never displays values that were ignored.
	const values: Record<string, string> = {
		period: f.period,
		schoolYear: f.period === 'year' ? (f.schoolYear ?? '') : '',
		fromMonth: f.period === 'months' ? (f.fromMonth ?? '') : '',
		toMonth: f.period === 'months' ? (f.toMonth ?? '') : '',
		initiativeId: f.initiativeId ? String(f.initiativeId) : ''
	};
	return { indicator, errors: {} as Record<string, string>, values, schoolYears, initiatives };
};
