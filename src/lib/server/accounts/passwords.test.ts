import { describe, expect, it } from 'vitest';
import { commonPasswordCount, isCommonPassword, isContextual, passwordSchema } from './passwords';

describe('password policy', () => {
	it('checks against at least 3,000 common passwords that meet the length rule', () => {
		expect(commonPasswordCount()).toBeGreaterThan(3000);
		expect(isCommonPassword('123456789012')).toBe(true);
		expect(isCommonPassword('qwertyuiopasdfgh')).toBe(true);
		expect(isCommonPassword('marraines et filleules au lycée')).toBe(false);
	});

	it('refuses passwords that are little more than a word of the service', () => {
		expect(isContextual('Mixite2026!!')).toBe(true);
		expect(isContextual('industrie12345')).toBe(true);
		expect(isContextual('claire.durand1', ['claire.durand'])).toBe(true);
		expect(isContextual('ClaireDurand59', ['Claire Durand'])).toBe(true);
		expect(isContextual('une visite à l’usine de verre le mardi')).toBe(false);
	});

	it('has no composition rule: a long sentence in lower case is fine, a short one is not', () => {
		expect(passwordSchema.safeParse('une phrase assez longue').success).toBe(true);
		expect(passwordSchema.safeParse('court').success).toBe(false);
	});
});
