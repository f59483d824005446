import { describe, expect, it } from 'vitest';
import { addWorkingDays, parisInstant, parisParts } from './paris-time';

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
});
