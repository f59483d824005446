/**
 * Reference vocabularies, written as data. Labels live in the message catalogue
 * under the same codes; rules (which level goes with which audience) live here.
 */
export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/**
 * The national list of activity types, in the order forms offer them. Each initiative picks the
 * types that apply (table initiative_activity_types); a code is never renamed nor removed, because
 * recorded activities keep their type.
 */
export const ACTIVITY_TYPES = [
	'school_visit',
	'forum',
	'company_visit',
	'workshop',
	'screening',
	'mentoring',
	'training',
	'job_dating',
	'open_day',
	'conference',
	'network_event',
	'other'
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const LEVELS = ['college', 'lycee_gt', 'lycee_pro', 'post_bac', 'apprentices', 'job_seekers', 'unspecified'] as const;
export type Level = (typeof LEVELS)[number];

const SCHOOL_LEVELS = ['college', 'lycee_gt', 'lycee_pro', 'post_bac', 'apprentices', 'unspecified'] as const;

/** Which levels each audience may be broken down by; pupils are counted, never named. */
export const AUDIENCES = [
	{ code: 'girls', levels: SCHOOL_LEVELS },
	{ code: 'boys', levels: SCHOOL_LEVELS },
	{ code: 'women', levels: ['job_seekers', 'apprentices', 'unspecified'] },
	{ code: 'men', levels: ['job_seekers', 'apprentices', 'unspecified'] },
	{ code: 'teachers', levels: ['unspecified'] },
	{ code: 'prescribers', levels: ['unspecified'] },
	{ code: 'firm_staff', levels: ['unspecified'] },
	{ code: 'parents', levels: ['unspecified'] },
	{ code: 'other', levels: ['unspecified'] }
] as const satisfies readonly { code: string; levels: readonly Level[] }[];
export type Audience = (typeof AUDIENCES)[number]['code'];
export const AUDIENCE_CODES = AUDIENCES.map((a) => a.code) as Audience[];

export function levelsFor(audience: string): readonly Level[] {
	return AUDIENCES.find((a) => a.code === audience)?.levels ?? [];
}

/** An initiative with activities can be stopped, never deleted. */
export const INITIATIVE_STATUSES = ['planned', 'running', 'finished', 'stopped'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];
/** How an organisation takes part in an initiative; `network`: a network the initiative relies on. */
export const INITIATIVE_ORGANISATION_ROLES = ['lead', 'partner', 'network'] as const;
/** How an organisation takes part in the plan (the sheet's "Parties prenantes"). */
export const STAKEHOLDER_ROLES = ['pilot', 'funder', 'partner', 'operator'] as const;
/** The sheet's text sections kept as ordered statements. */
export const PLAN_STATEMENT_KINDS = ['finding', 'obstacle'] as const;
/** The three audiences of a plan's objectives (the source text's three targets). */
export const OBJECTIVE_TARGETS = ['girls', 'firms', 'prescribers'] as const;
export const ORGANISATION_KINDS = [
	'territory_programme',
	'campus',
	'public_body',
	'epci',
	'association',
	'firm',
	'network',
	'economic_agency',
	'school',
	'employment_agency',
	'training_centre'
] as const;
export const ORGANISATION_STATUSES = ['active', 'receivership', 'closed'] as const;

/** Upper bounds beyond which a count is taken for a typing mistake. */
export const LIMITS = { perCell: 5000, perActivity: 20000, titleLength: 200, notesLength: 2000 } as const;

/** A school year runs from September to August: "2025-2026" starts on 2025-09-01. */
export function schoolYearOf(isoDate: string): string {
	const year = Number(isoDate.slice(0, 4));
	const month = Number(isoDate.slice(5, 7));
	const start = month >= 9 ? year : year - 1;
	return `${start}-${start + 1}`;
}

export function schoolYearRange(label: string): { from: string; to: string } | null {
	const match = /^(\d{4})-(\d{4})$/.exec(label);
	if (!match || Number(match[2]) !== Number(match[1]) + 1) return null;
	return { from: `${match[1]}-09-01`, to: `${match[2]}-08-31` };
}

export function monthOf(isoDate: string): string {
	return `${isoDate.slice(0, 7)}-01`;
}

/** Every month from `from` to `to` included (YYYY-MM-01, in order); none when `to` comes first. */
export function monthsBetween(from: string, to: string): string[] {
	const months: string[] = [];
	let [y, m] = from.split('-').map(Number) as [number, number];
	for (let month = monthOf(from); month <= to; month = `${y}-${String(m).padStart(2, '0')}-01`) {
		months.push(month);
		[y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
	}
	return months;
}

/** The twelve months of a school year, September first (YYYY-MM-01). */
export function schoolYearMonths(schoolYear: string): string[] {
	const start = Number(schoolYear.slice(0, 4));
	return monthsBetween(`${start}-09-01`, `${start + 1}-08-01`);
}

export function lastDayOfMonth(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${month.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}
