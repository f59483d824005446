import { AUDIENCE_CODES, schoolYearOf } from '../../domain/reference';
import { crossTableEquations, suppressCells, SUPPRESSION_RULES, type CrossTable, type Equation } from '../../domain/suppression';
import { lastActivityChange } from '../activities/activities.repository';
import type { Db } from '../db/client';
import { readOpenDataCells } from '../indicator/indicator.repository';
import { listInitiatives } from '../plan/plan.repository';
import type { TerritoryScope } from '../shared/scope';
import { listCommunes, listEpcis } from '../territories/territories.repository';

/*
 * The open data of a territory (decision 0013): participations in done activities, aggregated,
 * small cells withheld and enough others with them that none can be recomputed. Read from the
 * indicator's aggregates only: counts, never a record, never a person.
 */

/** A published figure: null when withheld (secret statistique). Null dimensions mean "all". */
export interface OpenDataCell {
	participations: number | null;
	suppressed: boolean;
}
export interface YearAudienceCell extends OpenDataCell {
	schoolYear: string | null;
	audience: string | null;
}
export interface InitiativeAudienceCell extends OpenDataCell {
	initiative: string | null;
	audience: string | null;
}
export interface CommuneYearCell extends OpenDataCell {
	/** commune, epci (subtotal of its communes) or territory (total). */
	level: 'commune' | 'epci' | 'territory';
	epciSiren: string | null;
	epci: string | null;
	communeCode: string | null;
	commune: string | null;
	schoolYear: string | null;
}

export interface OpenDataset {
	threshold: number;
	/** When the figures last changed (an activity recorded, edited or cancelled). */
	lastUpdate: string | null;
	schoolYears: string[];
	audiences: string[];
	bySchoolYearAndAudience: YearAudienceCell[];
	byInitiativeAndAudience: InitiativeAudienceCell[];
	byCommuneAndSchoolYear: CommuneYearCell[];
}

/** A cell's key: its dimensions, sorted, so that a total two tables publish is one cell (e.g. `audience=girls`). */
const cellKey = (...dims: string[]) => dims.filter(Boolean).sort().join('&');

/** The communes' table groups communes reached in their EPCI; a commune outside the perimeter falls in this group. */
const OUTSIDE = '';

export async function territoryOpenData(db: Db, scope: TerritoryScope): Promise<OpenDataset> {
	const [cells, initiatives, communes, epcis, lastChange] = await Promise.all([
		readOpenDataCells(db, scope),
		listInitiatives(db, scope),
		listCommunes(db, scope),
		listEpcis(db, scope),
		lastActivityChange(db, scope)
	]);
	const values = new Map<string, number>();
	/** Adds a raw count to every cell of one table it belongs to (each table apart: shared totals are equal, not summed twice). */
	const addAll = (table: Map<string, number>, n: number, row: string, column: string) => {
		for (const key of [cellKey(row, column), cellKey(row), cellKey(column), cellKey()]) table.set(key, (table.get(key) ?? 0) + n);
	};
	const yearAudience = new Map<string, number>();
	const initiativeAudience = new Map<string, number>();
	const communeYear = new Map<string, number>();
	const years = new Set<string>();
	const audiences = new Set<string>();
	const reached = new Set<string>();
	for (const r of cells.audience) {
		const year = schoolYearOf(r.month);
		years.add(year);
		audiences.add(r.audience);
		addAll(yearAudience, r.participations, `year=${year}`, `audience=${r.audience}`);
		addAll(initiativeAudience, r.participations, `initiative=${r.initiativeId}`, `audience=${r.audience}`);
	}
	const communeEpci = new Map(communes.map((c) => [c.codeInsee, c.epciSiren]));
	for (const r of cells.commune) {
		const year = schoolYearOf(r.month);
		years.add(year);
		reached.add(r.communeCode);
		const epci = communeEpci.get(r.communeCode) ?? OUTSIDE;
		addAll(communeYear, r.participations, `commune=${r.communeCode}`, `year=${year}`);
		for (const key of [cellKey(`epci=${epci}`, `year=${year}`), cellKey(`epci=${epci}`)]) communeYear.set(key, (communeYear.get(key) ?? 0) + r.participations);
	}
	for (const table of [yearAudience, initiativeAudience, communeYear]) for (const [k, v] of table) values.set(k, v);

	const schoolYears = [...years].sort();
	const audienceCodes = AUDIENCE_CODES.filter((a) => audiences.has(a));
	const communeCodes = communes.map((c) => c.codeInsee).filter((c) => reached.has(c));
	const outside = [...reached].filter((c) => !communeEpci.has(c)).sort();
	const epciGroups = [
		...epcis.map((e) => ({ key: `epci=${e.siren}`, siren: e.siren, name: e.name, rows: communeCodes.filter((c) => communeEpci.get(c) === e.siren) })),
		...(outside.length > 0 ? [{ key: `epci=${OUTSIDE}`, siren: OUTSIDE, name: null, rows: outside }] : [])
	];
	const layouts: CrossTable[] = [
		{ rows: schoolYears.map((y) => `year=${y}`), columns: audienceCodes.map((a) => `audience=${a}`), totalRow: '', totalColumn: '', cell: cellKey },
		{ rows: initiatives.map((i) => `initiative=${i.id}`), columns: audienceCodes.map((a) => `audience=${a}`), totalRow: '', totalColumn: '', cell: cellKey },
		{
			rows: epciGroups.flatMap((g) => g.rows.map((c) => `commune=${c}`)),
			columns: schoolYears.map((y) => `year=${y}`),
			groups: epciGroups.map((g) => ({ key: g.key, rows: g.rows.map((c) => `commune=${c}`) })),
			totalRow: '',
			totalColumn: '',
			cell: cellKey
		}
	];
	const equations: Equation[] = layouts.flatMap(crossTableEquations);
	for (const eq of equations) for (const k of [eq.total, ...eq.parts]) if (!values.has(k)) values.set(k, 0);
	const { suppressed } = suppressCells(values, equations);
	const cell = (...dims: string[]): OpenDataCell => {
		const key = cellKey(...dims);
		return suppressed.has(key) ? { participations: null, suppressed: true } : { participations: values.get(key) ?? 0, suppressed: false };
	};
	const withTotal = <T>(list: readonly T[]) => [...list, null];
	const communeName = new Map(communes.map((c) => [c.codeInsee, c.name]));

	return {
		threshold: SUPPRESSION_RULES.threshold,
		lastUpdate: lastChange?.toISOString() ?? null,
		schoolYears,
		audiences: audienceCodes,
		bySchoolYearAndAudience: withTotal(schoolYears).flatMap((y) =>
			withTotal(audienceCodes).map((a) => ({ schoolYear: y, audience: a, ...cell(y ? `year=${y}` : '', a ? `audience=${a}` : '') }))
		),
		byInitiativeAndAudience: withTotal(initiatives).flatMap((i) =>
			withTotal(audienceCodes).map((a) => ({ initiative: i?.name ?? null, audience: a, ...cell(i ? `initiative=${i.id}` : '', a ? `audience=${a}` : '') }))
		),
		byCommuneAndSchoolYear: [
			...epciGroups.flatMap((g) => [
				...g.rows.map((c) => ({
					level: 'commune' as const,
					epciSiren: g.siren || null,
					epci: g.name,
					communeCode: c,
					commune: communeName.get(c) ?? null,
					dim: `commune=${c}`
				})),
				{ level: 'epci' as const, epciSiren: g.siren || null, epci: g.name, communeCode: null, commune: null, dim: g.key }
			]),
			{ level: 'territory' as const, epciSiren: null, epci: null, communeCode: null, commune: null, dim: '' }
		].flatMap(({ dim, ...place }) => withTotal(schoolYears).map((y) => ({ ...place, schoolYear: y, ...cell(dim, y ? `year=${y}` : '') })))
	};
}

/** What the dataset page shows besides its fixed text: when the figures last changed. */
export async function openDataPage(db: Db, scope: TerritoryScope) {
	const lastChange = await lastActivityChange(db, scope);
	return { lastUpdate: lastChange?.toISOString() ?? null, threshold: SUPPRESSION_RULES.threshold };
}
