import type { listTerritoriesWithFigures, TerritoryRow } from './territories.repository';

type OverviewRow = Awaited<ReturnType<typeof listTerritoriesWithFigures>>[number];

/**
 * A territory with its headline figure (participations of done activities, all time), the day of
 * its latest done activity and whether it is archived: the admin page and `GET /api/v1/territories`.
 */
export function presentTerritoryOverview(t: OverviewRow) {
	return {
		slug: t.slug,
		name: t.name,
		demo: t.demoLoaded,
		archived: t.archivedAt !== null,
		archivedAt: t.archivedAt ? new Date(t.archivedAt).toISOString() : null,
		participations: Number(t.participations),
		lastActivityOn: t.lastActivityOn ?? null
	};
}

/** One territory on its administration page. */
export function presentTerritoryAdmin(t: TerritoryRow, epcis: readonly { siren: string; name: string }[], communeCount: number) {
	return {
		id: t.id,
		slug: t.slug,
		name: t.name,
		archived: t.archivedAt !== null,
		archivedOn: t.archivedAt ? new Date(t.archivedAt).toISOString().slice(0, 10) : null,
		epcis: epcis.map((e) => ({ siren: e.siren, name: e.name })),
		communeCount
	};
}
