/** Link to the activity list behind a figure; the same filters drive its CSV export. */
export function activitiesHref(slug: string, filters: Record<string, string | number | undefined | null>, suffix = ''): string {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
	const q = params.toString();
	return `/t/${slug}/actions${suffix}${q ? `?${q}` : ''}`;
}

function withFilters(path: string, filters: Record<string, string | number | undefined | null>): string {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
	const q = params.toString();
	return `${path}${q ? `?${q}` : ''}`;
}

/** Link to the indicator page drilled down (period, initiative, audience, type, commune…): aggregates only. */
export function indicatorHref(slug: string, filters: Record<string, string | number | undefined | null>): string {
	return withFilters(`/t/${slug}/indicateur`, filters);
}

/** Link to the map of communes, with the indicator's period and initiative. */
export function communeMapHref(slug: string, filters: Record<string, string | number | undefined | null>): string {
	return withFilters(`/t/${slug}/carte`, filters);
}

/** Link to the dashboard, or to one of its exports (`export.csv`, `export.xlsx`, `export.json`), with the same filters. */
export function dashboardHref(slug: string, filters: Record<string, string | number | undefined | null>, file = ''): string {
	return withFilters(`/t/${slug}/tableau-de-bord${file ? `/${file}` : ''}`, filters);
}

/** Link to the national dashboard (platform administrators), or to one of its exports, with the same filters. */
export function nationalDashboardHref(filters: Record<string, string | number | undefined | null>, file = ''): string {
	return withFilters(`/admin/tableau-de-bord${file ? `/${file}` : ''}`, filters);
}
