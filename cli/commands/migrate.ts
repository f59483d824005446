import { migrate } from '../../src/lib/server/db/client';
import type { Command } from '../command';

export const migrateCommand: Command = {
	summary: 'applique les migrations du schéma',
	help: 'Applique les migrations SQL de drizzle/ à la base configurée (DATA_DIR ou DATABASE_URL).',
	async run(_args, io) {
		await io.withDatabase(async (database) => migrate(database), { prepare: false });
		io.out('Migrations appliquées.');
		return 0;
	}
};
