import { formatDateTime, type Locale, type MessageKey, type Translate } from '../../i18n';
import { SUPPRESSION_RULES } from '../../domain/suppression';
import { csvFile, xlsxFile, type Table, type TableCell, type XlsxSheet } from '../files/table-file';
import { OPEN_DATA_LICENCE } from '../../domain/open-data';
import type { OpenDataCell, OpenDataset } from './open-data.usecases';

/*
 * The open data as JSON (API), CSV and XLSX (downloads). The files are in long format, one figure
 * a line, with stable column names (documented on /t/<slug>/donnees-ouvertes): a withheld figure
 * is an empty cell with « s » in the secret_statistique column, as INSEE writes it.
 */

export interface OpenDataTerritory {
	slug: string;
	name: string;
}

/** The API's answer: the dataset, its licence and its rule. */
export function presentOpenData(territory: OpenDataTerritory, d: OpenDataset) {
	return {
		data: {
			territory: { slug: territory.slug, name: territory.name },
			licence: OPEN_DATA_LICENCE,
			measure: 'participations',
			threshold: d.threshold,
			lastUpdate: d.lastUpdate,
			schoolYears: d.schoolYears,
			audiences: d.audiences,
			bySchoolYearAndAudience: d.bySchoolYearAndAudience,
			byInitiativeAndAudience: d.byInitiativeAndAudience,
			byCommuneAndSchoolYear: d.byCommuneAndSchoolYear
		}
	};
}

/** The files' columns, in order; each with its type and meaning (catalogue key) for the dataset page. */
export const OPEN_DATA_FIELDS = [
	{ name: 'tableau', type: 'text', meaning: 'open_data.field.table' },
	{ name: 'annee_scolaire', type: 'text', meaning: 'open_data.field.school_year' },
	{ name: 'public', type: 'text', meaning: 'open_data.field.audience' },
	{ name: 'public_libelle', type: 'text', meaning: 'open_data.field.audience_label' },
	{ name: 'initiative', type: 'text', meaning: 'open_data.field.initiative' },
	{ name: 'niveau', type: 'text', meaning: 'open_data.field.level' },
	{ name: 'epci_siren', type: 'text', meaning: 'open_data.field.epci_siren' },
	{ name: 'epci', type: 'text', meaning: 'open_data.field.epci' },
	{ name: 'code_commune', type: 'text', meaning: 'open_data.field.commune_code' },
	{ name: 'commune', type: 'text', meaning: 'open_data.field.commune' },
	{ name: 'participations', type: 'integer', meaning: 'open_data.field.participations' },
	{ name: 'secret_statistique', type: 'text', meaning: 'open_data.field.secret' }
] as const satisfies readonly { name: string; type: 'text' | 'integer'; meaning: MessageKey }[];
type FieldName = (typeof OPEN_DATA_FIELDS)[number]['name'];
type Line = Partial<Record<FieldName, TableCell>>;

/** The three tables of the dataset, by their value in the `tableau` column. */
export const OPEN_DATA_TABLES = [
	{ id: 'annee_public', title: 'open_data.table.year_audience', fields: ['annee_scolaire', 'public', 'public_libelle'] },
	{ id: 'initiative_public', title: 'open_data.table.initiative_audience', fields: ['initiative', 'public', 'public_libelle'] },
	{ id: 'commune_annee', title: 'open_data.table.commune_year', fields: ['niveau', 'epci_siren', 'epci', 'code_commune', 'commune', 'annee_scolaire'] }
] as const satisfies readonly { id: string; title: MessageKey; fields: readonly FieldName[] }[];

function tableLines(d: OpenDataset, t: Translate): Record<(typeof OPEN_DATA_TABLES)[number]['id'], Line[]> {
	const all = t('open_data.all');
	const figure = (c: OpenDataCell): Line => ({ participations: c.participations, secret_statistique: c.suppressed ? SUPPRESSION_RULES.mark : '' });
	const audience = (a: string | null): Line => ({ public: a ?? all, public_libelle: a ? t(`audience.${a}` as MessageKey) : all });
	return {
		annee_public: d.bySchoolYearAndAudience.map((c) => ({ annee_scolaire: c.schoolYear ?? all, ...audience(c.audience), ...figure(c) })),
		initiative_public: d.byInitiativeAndAudience.map((c) => ({ initiative: c.initiative ?? all, ...audience(c.audience), ...figure(c) })),
		commune_annee: d.byCommuneAndSchoolYear.map((c) => ({
			niveau: c.level,
			epci_siren: c.epciSiren ?? '',
			epci: c.epci ?? (c.level === 'territory' ? all : t('open_data.outside')),
			code_commune: c.communeCode ?? '',
			commune: c.commune ?? (c.level === 'commune' ? c.communeCode : all),
			annee_scolaire: c.schoolYear ?? all,
			...figure(c)
		}))
	};
}

/** The whole dataset as one CSV table: every table's lines, with the `tableau` column saying which. */
export function openDataCsv(d: OpenDataset, t: Translate): string {
	const lines = tableLines(d, t);
	const table: Table = {
		header: OPEN_DATA_FIELDS.map((f) => f.name),
		rows: OPEN_DATA_TABLES.flatMap((tb) => lines[tb.id].map((line) => OPEN_DATA_FIELDS.map((f) => (f.name === 'tableau' ? tb.id : (line[f.name] ?? null)))))
	};
	return csvFile(table);
}

/** The dataset as an XLSX workbook: one sheet a table, each with the licence, the rule and the last update (in words) above it. */
export async function openDataXlsx(territory: OpenDataTerritory, d: OpenDataset, t: Translate, locale: Locale = 'fr'): Promise<Buffer> {
	const lines = tableLines(d, t);
	const preamble: [string, string][] = [
		[t('open_data.file.territory'), territory.name],
		[t('open_data.file.licence'), `${OPEN_DATA_LICENCE.name} — ${OPEN_DATA_LICENCE.url}`],
		[t('open_data.file.rule'), t('open_data.file.rule_text', { max: d.threshold - 1, mark: SUPPRESSION_RULES.mark })],
		[t('open_data.file.last_update'), d.lastUpdate ? formatDateTime(locale, d.lastUpdate) : '—']
	];
	const sheets: XlsxSheet[] = OPEN_DATA_TABLES.map((tb) => {
		const fields = [...tb.fields, 'participations', 'secret_statistique'] as const;
		return {
			name: tb.id,
			title: t(tb.title),
			preamble,
			header: fields,
			rows: lines[tb.id].map((line) => fields.map((f) => line[f] ?? null))
		};
	});
	return xlsxFile(sheets);
}

/** The file names the downloads use. */
export const openDataFileName = (slug: string, ext: 'csv' | 'xlsx') => `donnees-ouvertes-${slug}.${ext}`;
