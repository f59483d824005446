import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { durationMessage } from './portraits';

describe('a portrait’s length, as people read it', () => {
	it('says minutes and seconds, and only seconds under a minute', () => {
		expect(translator('fr')(...durationMessage(125))).toBe('2 min 5 s');
		expect(translator('fr')(...durationMessage(4))).toBe('4 s');
		expect(translator('en')(...durationMessage(60))).toBe('1 min 0 s');
	});
});
