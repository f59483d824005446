import { createRequire } from 'node:module';
import { z } from 'zod';
import type { Db } from '../db/client';
import { actionPlans } from '../plan/plan.table';
import * as repo from './territories.repository';
import { communes, epcis, territories } from './territories.table';

interface EtalabEpci {
	code: string;
	nom: string;
	type: string;
	populationTotale?: number;
	membres: { code: string; nom: string; populationTotale?: number }[];
}

/** EPCIs and their member communes from @etalab/decoupage-administratif, by SIREN. */
export function loadEpcis(sirens: readonly string[]): EtalabEpci[] {
	const all = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[];
	return sirens.map((siren) => {
		const epci = all.find((e) => e.code === siren);
		if (!epci) throw new Error(`EPCI ${siren} absent de @etalab/decoupage-administratif`);
		return epci;
	});
}

export const newTerritorySchema = z.object({
	slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'slug : lettres minuscules, chiffres et tirets'),
	name: z.string().trim().min(3).max(200),
	epciSirens: z.array(z.string().regex(/^\d{9}$/, 'SIREN à 9 chiffres')).min(1)
});

/**
 * A territory with its EPCIs and communes, inside the caller's transaction. Its plan is created
 * empty (title only): objectives and initiatives come from the territory's own text.
 */
export async function insertTerritory(db: Db, input: z.input<typeof newTerritorySchema>, planTitle = 'Plan d’action') {
	const { slug, name, epciSirens } = newTerritorySchema.parse(input);
	const source = loadEpcis(epciSirens);
	const [territory] = await db.insert(territories).values({ slug, name }).returning();
	const territoryId = territory!.id;
	await db.insert(epcis).values(source.map((e) => ({ territoryId, siren: e.code, name: e.nom, kind: e.type, population: e.populationTotale ?? null })));
	await db.insert(communes).values(
		source.flatMap((e) =>
			e.membres.map((m) => ({
				territoryId,
				codeInsee: m.code,
				name: m.nom,
				epciSiren: e.code,
				departement: m.code.slice(0, 2),
				population: m.populationTotale ?? null
			}))
		)
	);
	const [plan] = await db.insert(actionPlans).values({ territoryId, title: planTitle }).returning();
	return { territoryId, planId: plan!.id };
}

export async function createTerritory(db: Db, input: z.input<typeof newTerritorySchema>) {
	return db.transaction((tx) => insertTerritory(tx, input));
}

/** Every territory, by name: public (the home page and the API list them). */
export async function listTerritories(db: Db) {
	return repo.listTerritories(db);
}
