import { describe, expect, it } from 'vitest';
import { firstOfMonth, formatDate, translatePlural, translator } from './index';

const NNBSP = '\u202f';

describe('messages read as a French person writes', () => {
	it('counted messages follow the plural rules: 0 and 1 action, 2 actions; never "action(s)"', () => {
		expect(translatePlural('fr', 'activities.n_actions', 0)).toBe('0 action');
		expect(translatePlural('fr', 'activities.n_actions', 1)).toBe('1 action');
		expect(translatePlural('fr', 'activities.n_actions', 2)).toBe('2 actions');
		expect(translatePlural('fr', 'activities.n_participations', 20000)).toBe(`20${NNBSP}000 participations`);
		expect(translatePlural('en', 'activities.n_actions', 0)).toBe('0 activities');
		expect(translatePlural('en', 'activities.n_actions', 1)).toBe('1 activity');
		// The indicator's label after its big figure: "1 Action réalisée", not "1 Actions réalisées".
		expect(translatePlural('fr', 'indicator.activities_done_label', 1)).toBe('Action réalisée');
		expect(translatePlural('fr', 'indicator.activities_done_label', 2)).toBe('Actions réalisées');
		expect(translatePlural('en', 'indicator.activities_done_label', 1)).toBe('Completed activity');
	});

	it('numbers in messages are grouped by thousands', () => {
		expect(translator('fr')('validation.total_too_high', { max: 20000 })).toBe(`Total invraisemblable : 20${NNBSP}000 participations au plus par action.`);
		expect(translator('en')('validation.count_too_high', { max: 5000 })).toContain('5,000');
	});

	it('the first of a month is written « 1er », other days unchanged, in messages and in every date shown', () => {
		expect(firstOfMonth('1 octobre 2026')).toBe('1er octobre 2026');
		expect(firstOfMonth('mardi 1 décembre 2026')).toBe('mardi 1er décembre 2026');
		expect(firstOfMonth('11 octobre 2026')).toBe('11 octobre 2026');
		expect(firstOfMonth('21 octobre 2026')).toBe('21 octobre 2026');
		expect(formatDate('fr', '2026-12-01')).toBe('1er déc. 2026');
		expect(formatDate('fr', '2026-12-11')).toBe('11 déc. 2026');
		expect(formatDate('en', '2026-12-01')).toBe('1 Dec 2026');
	});

	it('dates in messages are written as dates, not ISO codes', () => {
		const text = translator('fr')('validation.outside_plan', { from: '2025-09-01', to: '2027-08-31' });
		expect(text).toBe('La date doit être comprise dans la période du plan (1er sept. 2025 – 31 août 2027).');
	});
});
