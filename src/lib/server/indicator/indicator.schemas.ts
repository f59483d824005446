import { z } from 'zod';
import { lastDayOfMonth, schoolYearRange } from '../../domain/reference';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const periodQuerySchema = z.object({
	schoolYear: z.string().regex(/^\d{4}-\d{4}$/).optional().catch(undefined),
	fromMonth: month.optional().catch(undefined),
	toMonth: month.optional().catch(undefined),
	initiativeId: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined)
});
export type PeriodQuery = z.output<typeof periodQuerySchema>;

export interface ResolvedPeriod {
	/** Inclusive bounds as dates (for links to the activity list), undefined when open. */
	from?: string;
	to?: string;
	fromMonth?: string;
	toMonth?: string;
}

/** The indicator's grain is the month: a school year or a month range, never arbitrary days. */
export function resolvePeriod(q: PeriodQuery): ResolvedPeriod {
	const year = q.schoolYear ? schoolYearRange(q.schoolYear) : null;
	if (year) return { from: year.from, to: year.to, fromMonth: year.from, toMonth: `${year.to.slice(0, 7)}-01` };
	const fromMonth = q.fromMonth ? `${q.fromMonth}-01` : undefined;
	let toMonth = q.toMonth ? `${q.toMonth}-01` : undefined;
	if (fromMonth && toMonth && toMonth < fromMonth) toMonth = fromMonth;
	return { from: fromMonth, to: toMonth ? lastDayOfMonth(toMonth) : undefined, fromMonth, toMonth };
}

export function parsePeriodQuery(params: URLSearchParams): PeriodQuery {
	const raw: Record<string, string> = {};
	for (const [k, v] of params.entries()) if (v !== '') raw[k] = v;
	return periodQuerySchema.parse(raw);
}
