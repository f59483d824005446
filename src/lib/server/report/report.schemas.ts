import { schoolYearOf } from '../../domain/reference';
import type { FieldErrors } from '../shared/errors';
import { schoolYearSchema } from '../shared/schemas';

/** The years a report may be asked for: from 2015-2016 (before any plan) to the next school year. */
const FIRST_REPORT_YEAR = 2015;

/**
 * The school year of a report, "2025-2026" (1 September 2025 – 31 August 2026), as the page's
 * link, the API and the command line give it; anything else is the field's French message.
 */
export function readReportYear(raw: string | null | undefined, today: string): { ok: true; schoolYear: string } | { ok: false; errors: FieldErrors } {
	const parsed = schoolYearSchema.safeParse(raw ?? '');
	const refused = { ok: false as const, errors: { schoolYear: { key: 'validation.school_year' as const } } };
	if (!parsed.success) return refused;
	const start = Number(parsed.data.slice(0, 4));
	const current = Number(schoolYearOf(today).slice(0, 4));
	if (start < FIRST_REPORT_YEAR || start > current + 1) return refused;
	return { ok: true, schoolYear: parsed.data };
}

/** The school year before `schoolYear` ("2024-2025" for "2025-2026"). */
export function previousSchoolYear(schoolYear: string): string {
	const start = Number(schoolYear.slice(0, 4));
	return `${start - 1}-${start}`;
}
