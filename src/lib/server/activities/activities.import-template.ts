import type { ImportField } from '../../domain/import-vocabulary';
import { AUDIENCE_CODES, LEVELS, levelsFor, type Audience } from '../../domain/reference';
import { translator, type MessageKey } from '../../i18n';
import { offeredTypesByInitiative } from '../activity-types/activity-types.usecases';
import type { Db } from '../db/client';
import { xlsxFile, type TableCell } from '../files/table-file';
import { listInitiatives } from '../plan/plan.repository';
import { inReach } from '../shared/reach';
import type { Actor, TerritoryScope } from '../shared/scope';
import { listCommunes } from '../territories/territories.repository';
import { ActivityNotFoundError } from './activities.errors';
import { mayWriteSomeInitiative } from './activities.policy';
import { reachOf } from './activities.usecases';

/*
 * The file to start from on the import page: an XLSX workbook whose first sheet has the headers
 * the import recognises and nothing under them (the import reads the first sheet: no example row
 * can be imported by mistake), the second the same headers with one example row of the territory,
 * the third the values each column accepts (the initiatives she may write, the activity types
 * each offers, the communes, the levels and statuses). Always in French: its headers and values
 * are what the import reads.
 */

/** The file's own words, in French as the import reads it (data of the file, not text of a page). */
const TEXT = {
	sheetActions: 'Actions',
	sheetExample: 'Exemple',
	sheetValues: 'Valeurs possibles',
	valuesTitle: 'Valeurs acceptées par l’import, colonne par colonne',
	column: 'Colonne',
	value: 'Valeur',
	detail: 'Précision',
	exampleTitle: 'Exemple : découverte des métiers de l’industrie (ligne à remplacer)'
} as const;

/** The template's header of each field: the French label the import recognises (checked by test). */
export function templateHeader(field: ImportField): string {
	const fr = translator('fr');
	if ((AUDIENCE_CODES as readonly string[]).includes(field)) return fr(`audience.${field}` as MessageKey);
	return field === 'total' ? 'Total' : fr(`spreadsheet.field.${field}` as MessageKey);
}

/** The columns in the order of the template: what an action is, then its counts, then the rest. */
export const TEMPLATE_FIELDS: readonly ImportField[] = [
	'date',
	'title',
	'initiative',
	'type',
	'commune',
	'level',
	...AUDIENCE_CODES,
	'total',
	'status',
	'notes'
];

/** An example's counts: a class of collège with its teachers. */
const EXAMPLE_COUNTS: Partial<Record<Audience, number>> = { girls: 12, boys: 10, teachers: 2 };

export async function importTemplate(db: Db, scope: TerritoryScope, actor: Actor, options: { today: string }): Promise<Buffer> {
	const reach = await reachOf(db, scope, actor, 'write');
	if (!mayWriteSomeInitiative(reach)) throw new ActivityNotFoundError();
	const fr = translator('fr');
	const initiatives = (await listInitiatives(db, scope)).filter((i) => inReach(reach, i.id));
	const communes = (await listCommunes(db, scope)).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	const offered = await offeredTypesByInitiative(
		db,
		scope,
		initiatives.map((i) => i.id)
	);
	const types = [...new Set(initiatives.flatMap((i) => offered.get(i.id) ?? []))];
	const typeLabel = (code: string) => fr(`type.${code}` as MessageKey);
	const first = initiatives[0];
	const example: Partial<Record<ImportField, TableCell>> = {
		date: options.today.split('-').reverse().join('/'),
		title: TEXT.exampleTitle,
		initiative: first?.name,
		type: first ? typeLabel(offered.get(first.id)?.[0] ?? '') : undefined,
		commune: communes[0]?.name,
		level: fr('level.college'),
		...EXAMPLE_COUNTS,
		total: Object.values(EXAMPLE_COUNTS).reduce((n, c) => n + c, 0),
		status: fr('status.done')
	};
	const values: TableCell[][] = [
		...initiatives.map((i) => [templateHeader('initiative'), i.name, (offered.get(i.id) ?? []).map(typeLabel).join(' ; ')]),
		...types.map((type) => [
			templateHeader('type'),
			typeLabel(type),
			initiatives
				.filter((i) => offered.get(i.id)?.includes(type))
				.map((i) => i.name)
				.join(' ; ')
		]),
		...communes.map((c) => [templateHeader('commune'), c.name, `INSEE ${c.codeInsee}`]),
		...LEVELS.map((level) => [
			templateHeader('level'),
			fr(`level.${level}` as MessageKey),
			AUDIENCE_CODES.filter((a) => levelsFor(a).includes(level) && levelsFor(a).length > 1)
				.map((a) => fr(`audience.${a}` as MessageKey))
				.join(', ')
		]),
		...(['done', 'planned', 'cancelled'] as const).map((status) => [templateHeader('status'), fr(`status.${status}`), null])
	];
	const header = TEMPLATE_FIELDS.map(templateHeader);
	return xlsxFile([
		{ name: TEXT.sheetActions, header, rows: [] },
		{ name: TEXT.sheetExample, header, rows: [TEMPLATE_FIELDS.map((f) => example[f] ?? null)] },
		{
			name: TEXT.sheetValues,
			title: TEXT.valuesTitle,
			header: [TEXT.column, TEXT.value, TEXT.detail],
			rows: values
		}
	]);
}
