import { and, eq } from 'drizzle-orm';
import { prepareDatabase } from '../../src/lib/server/bootstrap';
import type { Database } from '../../src/lib/server/db/client';
import { organisations } from '../../src/lib/server/organisations/organisations.table';
import { initiativeOrganisations, initiatives } from '../../src/lib/server/plan/plan.table';
import { territories } from '../../src/lib/server/territories/territories.table';
import { createToken } from '../../src/lib/server/tokens/tokens.usecases';
import { adminActor } from './actors';

const ADMIN = adminActor('integration-test', { label: 'test' });
const ADMIN_PRINCIPAL = { userId: 'admin', platformAdmin: true, roles: [] };

/**
 * A database prepared as on first start (default territory, no account yet) with API tokens for
 * Arc France, the lead of the Verr'Elles initiative: what the HTTP tests of the API start from,
 * before the server is started on the same data. Tokens are returned in clear, with their ids.
 */
export async function prepareArcApi(database: Database, tokenNames: string[]) {
	await prepareDatabase(database, () => {});
	const db = database.db;
	const [territory] = await db.select().from(territories).where(eq(territories.slug, 'flandre-saint-omer'));
	const scope = { territoryId: territory!.id };
	const [arc] = await db
		.select()
		.from(organisations)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(organisations.name, 'Arc France')));
	const links = await db.select().from(initiativeOrganisations).where(eq(initiativeOrganisations.organisationId, arc!.id));
	const all = await db.select().from(initiatives).where(eq(initiatives.territoryId, scope.territoryId));
	const tokens: { id: number; token: string }[] = [];
	for (const name of tokenNames) tokens.push(await createToken(db, scope, ADMIN, ADMIN_PRINCIPAL, { name, organisationId: arc!.id }));
	return {
		db,
		scope,
		arcId: arc!.id,
		/** An initiative Arc France takes part in, and one it does not. */
		arcInitiative: links[0]!.initiativeId,
		foreignInitiative: all.find((i) => !links.some((l) => l.initiativeId === i.id))!.id,
		tokens,
		admin: ADMIN,
		adminPrincipal: ADMIN_PRINCIPAL
	};
}
