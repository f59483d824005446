import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirects';

describe('redirects after sign-in stay on the site', () => {
	it.each([
		'//evil.example',
		'/\\evil.example',
		'/\t/evil.example',
		'/%09/evil.example',
		'/%5Cevil.example',
		'https://evil.example',
		'javascript:alert(1)',
		'',
		null
	])('%j is refused', (target) => {
		expect(safeRedirect(target as string | null)).toBe('/');
	});

	it.each(['/t/flandre-saint-omer/actions?status=done', '/compte', '/t/x/indicateur?schoolYear=2025-2026'])('%s is kept', (target) => {
		expect(safeRedirect(target)).toBe(target);
	});
});
