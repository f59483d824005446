import { getApp } from '$lib/server/app';
import { scopeOf } from '$lib/server/http';
import { parsePeriodQuery } from '$lib/server/indicator/indicator.schemas';
import { territoryIndicator } from '$lib/server/indicator/indicator.usecases';
import { listInitiatives } from '$lib/server/plan/plan.repository';
import { schoolYearOf } from '$lib/domain/reference';
import { todayInParis } from '$lib/server/activities/activities.schemas';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = scopeOf(locals);
	const db = getApp().database.db;
	const query = parsePeriodQuery(url.searchParams);
	const [indicator, initiatives] = await Promise.all([territoryIndicator(db, scope, query), listInitiatives(db, scope)]);
	const current = Number(schoolYearOf(todayInParis()).slice(0, 4));
	const schoolYears = Array.from({ length: 6 }, (_, i) => `${current - i}-${current - i + 1}`);
	return { indicator, query, schoolYears, initiatives: initiatives.map((i) => ({ id: i.id, name: i.name })) };
};
