import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Home from '../routes/+page.svelte';
import { orderTerritories } from './territory-list';

const list = [
	{ slug: 'demo', name: 'Audomarois (démonstration)', demo: true },
	{ slug: 'flandre', name: 'Flandre – Pays de Saint-Omer', demo: false },
	{ slug: 'valenciennes', name: 'Valenciennes', demo: false }
];

describe('the home page lists real territories before the demo one, which is marked fictional', () => {
	it('orders real territories first, keeping their alphabetical order', () => {
		expect(orderTerritories(list).map((t) => t.slug)).toEqual(['flandre', 'valenciennes', 'demo']);
	});

	it('says the demo territory is fictional, in French and in English', () => {
		const fr = render(Home, { props: { data: { locale: 'fr', territories: list, mine: [] } } as never }).body;
		expect(fr.indexOf('Valenciennes')).toBeLessThan(fr.indexOf('Audomarois'));
		expect(fr).toContain('Démonstration : données fictives');
		const en = render(Home, { props: { data: { locale: 'en', territories: list, mine: [] } } as never }).body;
		expect(en).toContain('Demonstration: fictional data');
	});
});
