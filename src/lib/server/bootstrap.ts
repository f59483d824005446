import path from 'node:path';
import { createSetupLink, countUsers } from './accounts/accounts.usecases';
import { config } from './config';
import { migrate, openDatabase, type Database } from './db/client';
import { ensureDefaultTerritory } from './seed/default-territory';

export function openConfiguredDatabase(): Promise<Database> {
	const c = config();
	return openDatabase(c.databaseUrl ? { databaseUrl: c.databaseUrl } : { dataDir: path.join(c.dataDir, 'pglite') });
}

/**
 * First start: schema, default territory and plan, and — while nobody can sign in —
 * a one-time link to create the first coordinator.
 */
export async function prepareDatabase(database: Database, log: (line: string) => void = console.log): Promise<void> {
	await migrate(database);
	const seeded = await ensureDefaultTerritory(database);
	if (seeded.created) log('Territoire par défaut créé : Flandre – Pays de Saint-Omer (4 EPCI, 147 communes, plan et 4 initiatives).');
	if ((await countUsers(database.db)) === 0) {
		const link = await createSetupLink(database.db, seeded.territoryId, config().baseURL);
		log(`\nAucun compte n’existe encore. Créez le premier compte de coordination avec ce lien (usage unique) :\n  ${link}\n`);
	}
}
