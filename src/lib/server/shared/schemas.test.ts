import { describe, expect, it } from 'vitest';
import { calendarDateSchema, calendarMonthSchema, parseRecordId, positiveIntSchema, schoolYearSchema } from './schemas';

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

describe('the integers of forms', () => {
	const form = positiveIntSchema('form', 'message');
	it('read digits, and digits grouped by three with a space, a no-break space or a narrow no-break space', () => {
		for (const [typed, read] of [
			['12', 12],
			[' 300 ', 300],
			['1 000', 1000],
			['1\u00a0000', 1000],
			['1\u202f000', 1000],
			['2 147 483 647', 2147483647]
		] as const) {
			expect(form.safeParse(typed).data, typed).toBe(read);
		}
		expect(parseRecordId('12')).toBe(12);
	});

	it('refuse decimals, signs, words and odd groups with the field’s message', () => {
		for (const bad of ['0', '-3', '12,5', '1.000', '1,000', '1 000,5', '10 00', '1  000', '1 0000', 'trois', '', '1e3']) {
			expect(form.safeParse(bad).error?.issues[0]?.message, bad).toBe('message');
		}
	});

	it('refuse a number too large with its own message, naming the maximum', () => {
		for (const big of ['2147483648', '99999999999', '2 147 483 648', '99999999999999999999999']) {
			expect(form.safeParse(big).error?.issues[0]?.message, big).toBe('validation.integer_too_large|{"max":2147483647}');
		}
	});

	it('the API reads JSON numbers only, as before', () => {
		const json = positiveIntSchema('json', 'message');
		expect(json.safeParse(1000).data).toBe(1000);
		for (const bad of ['1 000', '12', 2147483648]) expect(json.safeParse(bad).error?.issues[0]?.message, String(bad)).toBe('message');
	});
});
