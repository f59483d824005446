import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import TerritoryCards from './components/TerritoryCards.svelte';
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
		const fr = render(TerritoryCards, { props: { locale: 'fr', territories: list } }).body;
		expect(fr.indexOf('Valenciennes')).toBeLessThan(fr.indexOf('Audomarois'));
		expect(fr).toContain('Démonstration : données fictives');
		const en = render(TerritoryCards, { props: { locale: 'en', territories: list } }).body;
		expect(en).toContain('Demonstration: fictional data');
	});
});
