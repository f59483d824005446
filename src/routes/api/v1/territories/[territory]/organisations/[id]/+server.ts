import { apiHandler } from '$lib/server/api/api-http';
import { OrganisationNotFoundError } from '$lib/server/organisations/organisations.errors';
import { presentOrganisation } from '$lib/server/organisations/organisations.presenters';
import { getOrganisation } from '$lib/server/organisations/organisations.usecases';
import { parseRecordId } from '$lib/server/shared/schemas';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) => {
	const id = parseRecordId(event.params.id);
	if (id === null) throw new OrganisationNotFoundError();
	return Response.json({ data: presentOrganisation(await getOrganisation(db, scope, actor, id)) });
});
