import { sql } from 'drizzle-orm';
import { rows } from './fixtures';
import type { Db } from '../../src/lib/server/db/client';
import { answerByLink } from '../../src/lib/server/interventions/interventions.answers';
import { submitRequest } from '../../src/lib/server/interventions/interventions.public';
import { proposeRequest, qualifyRequest } from '../../src/lib/server/interventions/interventions.usecases';
import { roleModelNetworks, roleModelProfiles } from '../../src/lib/server/role-models/role-models.table';
import type { Actor, TerritoryScope } from '../../src/lib/server/shared/scope';
import { schoolForm } from './intervention-forms';

/** Two role models of the territory's first network (Amina Benali, Julie Durand), counted under its initiative. */
export async function twoRoleModels(db: Db, scope: TerritoryScope) {
	const [network] = await rows<{ id: number; name: string; initiative_id: number }>(
		db,
		sql`select id, name, initiative_id from networks where territory_id = ${scope.territoryId} and initiative_id is not null order by position limit 1`
	);
	const profiles = await db
		.insert(roleModelProfiles)
		.values([
			{ territoryId: scope.territoryId, firstName: 'Amina', lastName: 'Benali', email: 'amina@arc.example' },
			{ territoryId: scope.territoryId, firstName: 'Julie', lastName: 'Durand', email: 'julie@arc.example' }
		])
		.returning();
	await db.insert(roleModelNetworks).values(profiles.map((p) => ({ territoryId: scope.territoryId, profileId: p.id, networkId: network!.id })));
	return { network: { id: network!.id, name: network!.name }, networkId: network!.id, initiativeId: network!.initiative_id, profiles };
}

/** What a coordinator fills to qualify a request: 10 March 2026, 09:00–11:00 Paris time, Salle 12, 1 to 2 role models. */
export function qualification(networkId: number, overrides: Record<string, string> = {}): Record<string, string> {
	return {
		networkId: String(networkId),
		date: '2026-03-10',
		startTime: '09:00',
		endTime: '11:00',
		location: 'Salle 12',
		capacityMin: '1',
		capacityMax: '2',
		...overrides
	};
}

/** A school's request (schoolForm with `form`), submitted and qualified by `coordinator` (qualification with `qualify`). */
export async function qualifiedRequest(
	db: Db,
	scope: TerritoryScope,
	coordinator: Actor,
	now: Date,
	networkId: number,
	o: { form?: Record<string, string>; qualify?: Record<string, string> } = {}
) {
	const { requestId } = await submitRequest(db, scope, schoolForm(now, o.form), { ip: '203.0.113.7', now });
	await qualifyRequest(db, scope, coordinator, requestId, qualification(networkId, o.qualify), now);
	return requestId;
}

/**
 * A school's request qualified for two role models (2 to 2) and proposed to both (twoRoleModels);
 * nobody has answered yet.
 */
export async function proposedToBoth(db: Db, scope: TerritoryScope, coordinator: Actor, now: Date) {
	const { network, networkId, initiativeId, profiles } = await twoRoleModels(db, scope);
	const requestId = await qualifiedRequest(db, scope, coordinator, now, networkId, { qualify: { capacityMin: '2', capacityMax: '2' } });
	await proposeRequest(db, scope, coordinator, requestId, { profileIds: profiles.map((p) => String(p.id)) }, now);
	const proposals = await rows<{ text_body: string }>(db, sql`select text_body from mail_outbox where kind = 'intervention.proposal' order by id`);
	return { requestId, network, initiativeId, profiles, proposals };
}

/** The token of the first `/<path>/<token>` link of an e-mail's text. */
export function tokenIn(text: string, path: string): string {
	const m = new RegExp(`/${path}/([A-Za-z0-9_-]+)`).exec(text);
	if (!m) throw new Error(`no /${path}/ link in: ${text}`);
	return m[1]!;
}

/** proposedToBoth, then both accept by their e-mailed links and the platform confirms it. */
export async function confirmedByThePlatform(db: Db, scope: TerritoryScope, coordinator: Actor, now: Date) {
	const proposed = await proposedToBoth(db, scope, coordinator, now);
	for (const mail of proposed.proposals) await answerByLink(db, tokenIn(mail.text_body, 'reponse'), 'accept', now);
	return proposed;
}
