import { describe, expect, it } from 'vitest';
import { addWorkingDays, firstOfMonth, parisInstant, parisParts } from './paris-time';

describe('dates in Paris', () => {
	it('a Paris day and time is the right instant in winter and in summer, and reads back the same', () => {
		expect(parisInstant('2026-12-01', '09:00').toISOString()).toBe('2026-12-01T08:00:00.000Z');
		expect(parisInstant('2026-06-01', '09:00').toISOString()).toBe('2026-06-01T07:00:00.000Z');
		expect(parisParts(parisInstant('2026-06-01', '23:30'))).toEqual({ date: '2026-06-01', time: '23:30' });
	});

	it('working days skip the weekend', () => {
		// Friday 27 November 2026 + 1 working day = Monday 30 November.
		expect(addWorkingDays(new Date('2026-11-27T10:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2026-11-30');
	});

	it('the first of a month is written « 1er », other days unchanged', () => {
		expect(firstOfMonth('1 octobre 2026')).toBe('1er octobre 2026');
		expect(firstOfMonth('mardi 1 décembre 2026')).toBe('mardi 1er décembre 2026');
		expect(firstOfMonth('11 octobre 2026')).toBe('11 octobre 2026');
		expect(firstOfMonth('21 octobre 2026')).toBe('21 octobre 2026');
	});
});
