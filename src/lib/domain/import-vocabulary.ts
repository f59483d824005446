import { distance } from 'fastest-levenshtein';
import { ACTIVITY_TYPES, AUDIENCE_CODES, type ActivityType, type Level } from './reference';

/*
 * How French offices write their activity spreadsheets, as data: the headers they use for each
 * field, the labels of school levels, statuses and activity types, and how communes and the plan's
 * initiatives are named. Everything is compared after `normalizeLabel` (case, accents,
 * apostrophes, punctuation and spacing do not matter).
 */

/** Lower case, without accents, apostrophes dropped ("Verr’Elles" → "verrelles"), punctuation as single spaces. */
export function normalizeLabel(text: string): string {
	let label = NORMALIZED.get(text);
	if (label === undefined) {
		label = normalizeOnce(text);
		// A large file names the same few initiatives, types, levels and communes on every row.
		if (NORMALIZED.size >= 10_000) NORMALIZED.clear();
		NORMALIZED.set(text, label);
	}
	return label;
}

/** `normalizeLabel` without its memory, for text seen once (a row's title): kept out of the cache of labels. */
export function normalizeOnce(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.replace(/['’‘`´ʼ]/g, '')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const NORMALIZED = new Map<string, string>();

/** A label reduced for comparison: normalized, then without spaces ("d’emploi", "d emploi" and "demploi" meet). */
export function compactLabel(text: string): string {
	return normalizeLabel(text).replace(/ /g, '');
}

/** A vocabulary (code → labels) as a lookup by compact label; the code itself (underscores as spaces) is a label too. */
function lookup<C extends string>(labels: Readonly<Partial<Record<C, readonly string[]>>>): Map<string, C> {
	return new Map(
		(Object.entries(labels) as [C, readonly string[]][]).flatMap(([code, names]) =>
			[code.replace(/_/g, ' '), ...names].map((n) => [compactLabel(n), code] as const)
		)
	);
}

/** The fields of an activity row. */
export const IMPORT_FIELDS = ['title', 'date', 'initiative', 'type', 'commune', 'status', 'level', 'notes', 'total', ...AUDIENCE_CODES] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Fields without which a row cannot become an activity (a status is optional: a past row is done). */
export const REQUIRED_FIELDS = ['title', 'date', 'initiative', 'type', 'commune'] as const satisfies readonly ImportField[];

/** Usual headers of each field, normalized; "Nb", "Nombre de" and the like are dropped first. */
export const HEADER_SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
	title: ['intitule', 'titre', 'intitule de l action', 'nom de l action', 'libelle', 'action', 'objet', 'evenement'],
	date: ['date', 'date de l action', 'date de realisation', 'jour', 'le'],
	initiative: ['initiative', 'action du plan', 'dispositif', 'projet', 'programme', 'fiche action'],
	type: ['type', 'type d action', 'type d activite', 'format', 'nature', 'type d intervention'],
	commune: ['commune', 'lieu', 'ville', 'localite', 'code insee', 'code commune', 'insee'],
	status: ['statut', 'etat', 'realisation', 'realise'],
	level: ['niveau', 'niveau scolaire', 'classe', 'niveau des eleves', 'public niveau', 'niveau public'],
	notes: ['commentaire', 'commentaires', 'remarque', 'remarques', 'notes', 'note', 'observations', 'observation'],
	total: ['total', 'total participants', 'total personnes', 'participants total', 'nombre total'],
	girls: ['filles', 'eleves filles', 'jeunes filles', 'lyceennes', 'collegiennes'],
	boys: ['garcons', 'eleves garcons', 'jeunes garcons', 'lyceens', 'collegiens'],
	women: ['femmes', 'adultes femmes', 'demandeuses d emploi'],
	men: ['hommes', 'adultes hommes'],
	teachers: ['enseignants', 'enseignantes', 'professeurs', 'profs', 'enseignants et professeurs', 'equipes pedagogiques'],
	prescribers: ['prescripteurs', 'prescriptrices', 'conseillers', 'conseilleres', 'conseillers emploi', 'conseillers d orientation', 'psy en'],
	firm_staff: ['salaries', 'salariees', 'salaries d entreprise', 'entreprises', 'salaries entreprise'],
	parents: ['parents', 'familles'],
	other: ['autres', 'autre', 'autres publics', 'autre public', 'divers']
};

const COUNT_PREFIX = /^(?:nb|nbre|nombre|number)(?: de| d)? /;

function headerKey(text: string): string {
	return compactLabel(normalizeLabel(text).replace(COUNT_PREFIX, ''));
}

const HEADER_INDEX = lookup(HEADER_SYNONYMS);

/** The field a header names, or null. */
export function recogniseHeader(text: unknown): ImportField | null {
	if (typeof text !== 'string') return null;
	return HEADER_INDEX.get(headerKey(text)) ?? null;
}

/**
 * Headers that name one field or another depending on the file: « Action » is the activity's title,
 * unless another column (Intitulé, Titre…) holds the title: then it names the initiative (a new
 * user's file: Date; Intitulé; Action; Type…). Keyed as `headerKey` writes them.
 */
const SECOND_CHOICE: ReadonlyMap<string, ImportField> = new Map([[compactLabel('action'), 'initiative']]);

/** The field an ambiguous header names when its first field is held by another column, or null. */
export function secondChoiceOfHeader(text: unknown): ImportField | null {
	if (typeof text !== 'string') return null;
	return SECOND_CHOICE.get(headerKey(text)) ?? null;
}

/**
 * The header row: the first of the first 20 rows in which at least three cells are recognised
 * headers, title rows above it ignored. Returns its index in `rows`, or -1.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[]): number {
	const limit = Math.min(rows.length, 20);
	for (let i = 0; i < limit; i++) {
		const fields = new Set(rows[i]!.map(recogniseHeader).filter((f) => f !== null));
		if (fields.size >= 3) return i;
	}
	return -1;
}

/** Usual French labels of the levels of pupils and job seekers, normalized. */
export const LEVEL_LABELS: Readonly<Record<Level, readonly string[]>> = {
	college: [
		'college',
		'collegiens',
		'6e',
		'5e',
		'4e',
		'3e',
		'6eme',
		'5eme',
		'4eme',
		'3eme',
		'sixieme',
		'cinquieme',
		'quatrieme',
		'troisieme',
		'segpa',
		'3e prepa metiers'
	],
	lycee_gt: [
		'lycee general',
		'lycee general et technologique',
		'lycee gt',
		'lgt',
		'lycee technologique',
		'seconde generale',
		'2nde gt',
		'2de gt',
		'2nde',
		'seconde',
		'premiere',
		'terminale',
		'bac general',
		'bac techno',
		'bac technologique',
		'lycee'
	],
	lycee_pro: ['lycee pro', 'lycee professionnel', 'lp', 'bac pro', 'cap', '2nde pro', 'seconde pro', 'premiere pro', 'terminale pro', 'voie pro'],
	post_bac: [
		'post bac',
		'postbac',
		'bts',
		'but',
		'dut',
		'licence',
		'licence pro',
		'master',
		'cpge',
		'prepa',
		'ecole d ingenieurs',
		'etudiants',
		'etudiantes',
		'superieur'
	],
	apprentices: ['apprentis', 'apprenties', 'apprentissage', 'cfa', 'alternants', 'alternantes', 'alternance'],
	job_seekers: ['demandeurs d emploi', 'demandeuses d emploi', 'demandeurs', 'demandeuses', 'de', 'deld', 'chercheurs d emploi', 'france travail'],
	unspecified: ['non precise', 'nc', 'ns', 'tous', 'tous niveaux', 'mixte', 'divers']
};

const LEVEL_INDEX = lookup(LEVEL_LABELS);

/** A level label → its code; an empty cell is `unspecified`; an unknown label is null. */
export function levelOf(text: unknown): Level | null {
	const key = compactLabel(String(text ?? ''));
	if (key === '') return 'unspecified';
	return LEVEL_INDEX.get(key) ?? null;
}

export const STATUS_LABELS = {
	done: ['realisee', 'realise', 'fait', 'faite', 'effectuee', 'effectue', 'terminee', 'termine', 'ok', 'oui'],
	planned: ['prevue', 'prevu', 'a venir', 'planifiee', 'planifie', 'programmee', 'programme', 'en preparation'],
	cancelled: ['annulee', 'annule', 'reportee sans date']
} as const;
export type ImportStatus = keyof typeof STATUS_LABELS;

const STATUS_INDEX = lookup<ImportStatus>(STATUS_LABELS);

/** A status label → its code; an empty cell is 'empty', an unknown label null. */
export function statusOf(text: unknown): ImportStatus | 'empty' | null {
	const key = compactLabel(String(text ?? ''));
	if (key === '') return 'empty';
	return STATUS_INDEX.get(key) ?? null;
}

/** Other names of activity types, beside their French label (from the catalogue) and their code. */
export const TYPE_SYNONYMS: Readonly<Partial<Record<ActivityType, readonly string[]>>> = {
	school_visit: [
		'intervention scolaire',
		'intervention en classe',
		'intervention',
		'visite d etablissement',
		'intervention en college',
		'intervention en lycee'
	],
	forum: ['forum', 'salon', 'forum des metiers', 'salon des metiers'],
	company_visit: ['visite d entreprise', 'visite entreprise', 'visite de site', 'visite'],
	workshop: ['atelier', 'atelier collectif'],
	screening: ['projection', 'projection video', 'projection de portraits'],
	mentoring: ['marrainage', 'rencontre de marrainage', 'parrainage', 'mentorat'],
	training: ['formation', 'seance prescripteurs', 'formation prescripteurs', 'sensibilisation prescripteurs'],
	job_dating: ['job dating', 'jobdating'],
	open_day: ['portes ouvertes', 'journee portes ouvertes', 'jpo'],
	conference: ['conference', 'table ronde', 'webinaire'],
	network_event: ['evenement reseau', 'evenement du reseau', 'rencontre reseau'],
	other: ['autre', 'divers']
};

const TYPE_INDEX = lookup(TYPE_SYNONYMS);

/** An activity type from its French label, a synonym or its code; null when unknown. */
export function typeOf(text: unknown, frenchLabels: Readonly<Record<ActivityType, string>>): ActivityType | null {
	const key = compactLabel(String(text ?? ''));
	if (key === '') return null;
	return ACTIVITY_TYPES.find((type) => compactLabel(frenchLabels[type]) === key) ?? TYPE_INDEX.get(key) ?? null;
}

/**
 * The initiative a cell names: by its whole name or by a run of its words ("VERRELLES" →
 * « Réseau Verr’Elles », "CORIF" → « Portraits CORIF »), spaces ignored. Null when no initiative
 * or more than one matches.
 */
export function matchInitiative<T extends { name: string }>(text: unknown, initiatives: readonly T[]): T | null {
	const cell = compactLabel(String(text ?? ''));
	if (cell.length < 3) return null;
	const runs = (name: string) => {
		const words = normalizeLabel(name).split(' ');
		const all = new Set<string>();
		for (let i = 0; i < words.length; i++) for (let j = i + 1; j <= words.length; j++) all.add(words.slice(i, j).join(''));
		return all;
	};
	const exact = initiatives.filter((i) => compactLabel(i.name) === cell);
	if (exact.length === 1) return exact[0]!;
	const found = initiatives.filter((i) => runs(i.name).has(cell));
	return found.length === 1 ? found[0]! : null;
}

/** A commune name as offices write it: "St-Omer", "Ste Marie", "Saint Omer (62)" → "saint omer". */
export function normalizeCommune(text: string): string {
	return normalizeLabel(text.replace(/\(.*?\)/g, ' '))
		.replace(/\bste\b/g, 'sainte')
		.replace(/\bst\b/g, 'saint')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * A commune of the territory from its INSEE code or its name; when none matches, up to three
 * nearest names (edit distance) to suggest.
 */
export function matchCommune<T extends { code: string; name: string }>(text: unknown, communes: readonly T[]): { commune: T | null; nearest: string[] } {
	const raw = String(text ?? '').trim();
	const code = raw.toUpperCase().replace(/\s/g, '');
	const byCode = communes.find((c) => c.code === code);
	if (byCode) return { commune: byCode, nearest: [] };
	const key = normalizeCommune(raw);
	const byName = communes.filter((c) => normalizeCommune(c.name) === key);
	if (byName.length === 1) return { commune: byName[0]!, nearest: [] };
	if (key === '' || communes.length === 0) return { commune: null, nearest: [] };
	const ranked = communes
		.map((c) => ({ name: c.name, d: distance(key, normalizeCommune(c.name)) }))
		.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name, 'fr'))
		.filter((c) => c.d <= Math.max(3, Math.ceil(key.length / 3)));
	return { commune: null, nearest: ranked.slice(0, 3).map((c) => c.name) };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function isoOf(y: number, m: number, d: number): string | null {
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
	return date.toISOString().slice(0, 10);
}

/**
 * A date cell → ISO day: a date cell (a Date), an Excel serial number, "dd/mm/yyyy", "d/m/yy",
 * "dd-mm-yyyy", "dd.mm.yyyy" or "yyyy-mm-dd". Null for an impossible or unreadable date.
 */
export function parseFrenchDate(value: unknown): string | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
	if (typeof value === 'number') {
		if (!Number.isInteger(value) || value < 1 || value > 2958465) return null;
		return new Date(EXCEL_EPOCH + value * 86400000).toISOString().slice(0, 10);
	}
	const text = String(value ?? '').trim();
	let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
	if (match) {
		const year = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
		return isoOf(year, Number(match[2]), Number(match[1]));
	}
	match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
	if (match) return isoOf(Number(match[1]), Number(match[2]), Number(match[3]));
	return null;
}

export type CountReading = { count: number } | { problem: 'negative' | 'decimal' | 'text' };

/**
 * A count cell: empty is 0; "1 000", "12" or 12 are counts; "12,0" is 12 (comma decimals); a
 * negative, a fraction or text is a problem, never guessed.
 */
export function parseCount(value: unknown): CountReading {
	let n: number;
	if (value === null || value === undefined) return { count: 0 };
	if (typeof value === 'number') n = value;
	else {
		const text = String(value)
			.trim()
			.replace(/[\s\u00a0\u202f]/g, '');
		if (text === '' || text === '-') return { count: 0 };
		if (!/^[-+−]?\d+(?:[,.]\d+)?$/.test(text)) return { problem: 'text' };
		n = Number(text.replace(',', '.').replace('−', '-'));
	}
	if (!Number.isFinite(n)) return { problem: 'text' };
	if (n < 0) return { problem: 'negative' };
	if (!Number.isInteger(n)) return { problem: 'decimal' };
	return { count: n };
}

/** Whether a row is a TOTAL row (its first non-empty cell says "Total", "TOTAL GÉNÉRAL", "Sous-total"…). */
export function isTotalRow(cells: readonly unknown[]): boolean {
	const first = cells.find((c) => c !== null && c !== undefined && String(c).trim() !== '');
	// A TOTAL label is text: a date or a number in the first filled cell is a row of data.
	return typeof first === 'string' && /^(sous )?(total|totaux)\b/.test(normalizeLabel(first));
}
