import { describe, expect, it } from 'vitest';
import { calendarDateSchema, calendarMonthSchema, schoolYearSchema } from './schemas';

describe('the shared date schemas', () => {
	it('a date must name a real calendar day', () => {
		for (const ok of ['2025-02-28', '2024-02-29', '2025-12-31', ' 2025-01-01 ']) expect(calendarDateSchema.safeParse(ok).success, ok).toBe(true);
		for (const bad of ['2025-02-30', '2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '01/02/2025', '', '2025-02-28x', '99999-01-01']) {
			const r = calendarDateSchema.safeParse(bad);
			expect(r.success, bad).toBe(false);
			expect(r.error?.issues[0]?.message, bad).toBe('validation.date');
		}
	});

	it('a month is YYYY-MM with a month from 01 to 12', () => {
		expect(calendarMonthSchema.safeParse('2025-09').success).toBe(true);
		for (const bad of ['2025-13', '2025-00', '2025-9', '2025-09-01']) expect(calendarMonthSchema.safeParse(bad).success, bad).toBe(false);
	});

	it('a school year is two consecutive years', () => {
		expect(schoolYearSchema.safeParse('2025-2026').success).toBe(true);
		for (const bad of ['2025-2027', '2026-2025', '2025', 'abcd-efgh']) expect(schoolYearSchema.safeParse(bad).success, bad).toBe(false);
	});
});
