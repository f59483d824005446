/**
 * Reference vocabularies, written as data. Labels live in the message catalogue
 * under the same codes; rules (which level goes with which audience) live here.
 */
export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ACTIVITY_TYPES = ['school_visit', 'forum', 'workshop', 'mentoring', 'company_visit', 'screening', 'training', 'network_event', 'other'] as const;
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

export const INITIATIVE_STATUSES = ['planned', 'active', 'completed', 'suspended'] as const;
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

export function lastDayOfMonth(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${month.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}
