import { describe, expect, it } from 'vitest';
import { isSiren, isSiret, isUai, sirenSchema, siretSchema, uaiCheckLetter, uaiSchema, websiteSchema } from './schemas';

describe('French identifiers are checked with their keys', () => {
	it('the SIRENs of the four EPCIs of the territory pass the Luhn key; one wrong digit or a wrong length fails', () => {
		for (const siren of ['200069037', '200040947', '245900758', '246201016']) expect(isSiren(siren), siren).toBe(true);
		expect(isSiren('200069038')).toBe(false);
		expect(isSiren('20006903')).toBe(false);
		expect(isSiren('20006903A')).toBe(false);
	});

	it('a SIRET passes the Luhn key over its 14 digits; La Poste’s establishments (SIREN 356 000 000) add up to a multiple of 5 instead', () => {
		expect(isSiret('73282932000074')).toBe(true);
		expect(isSiret('73282932000075')).toBe(false);
		// Not a Luhn number, but its digits add up to 45: one of La Poste's establishments.
		expect(isSiret('35600000049837')).toBe(true);
		expect(isSiret('35600000049838')).toBe(false);
		// The La Poste exception is for La Poste only: the same digit sum elsewhere does not pass.
		expect(isSiret('35600000149836')).toBe(false);
		expect(isSiret('7328293200007')).toBe(false);
	});

	it('a UAI’s letter is its seven digits modulo 23 over the alphabet without I, O and Q', () => {
		// 620108 = 23 × 26961 + 5 → F (a real school of the Pas-de-Calais).
		expect(uaiCheckLetter('0620108')).toBe('F');
		expect(isUai('0620108F')).toBe(true);
		expect(isUai('0620108G')).toBe(false);
		expect(isUai('620108F')).toBe(false);
		// Remainders 8, 13 and 14 come after the skipped I, O and Q: J, P and R.
		expect(uaiCheckLetter('0000008')).toBe('J');
		expect(uaiCheckLetter('0000013')).toBe('P');
		expect(uaiCheckLetter('0000014')).toBe('R');
		expect(uaiCheckLetter('0000022')).toBe('Z');
	});

	it('the schemas accept the numbers as people type them (spaces, lower case) and keep them compact', () => {
		expect(sirenSchema.parse('200 069 037')).toBe('200069037');
		expect(siretSchema.parse('732 829 320 00074')).toBe('73282932000074');
		expect(uaiSchema.parse('0620108f')).toBe('0620108F');
		expect(sirenSchema.safeParse('123456789').error?.issues[0]?.message).toBe('validation.siren');
	});

	it('a website is an http or https address; javascript: and bare words are refused', () => {
		expect(websiteSchema.safeParse('https://www.arc-france.com').success).toBe(true);
		expect(websiteSchema.safeParse('http://capitalfilles.fr/').success).toBe(true);
		expect(websiteSchema.safeParse('javascript:alert(1)').success).toBe(false);
		expect(websiteSchema.safeParse('ftp://example.org').success).toBe(false);
		expect(websiteSchema.safeParse('arc-france').success).toBe(false);
	});
});
