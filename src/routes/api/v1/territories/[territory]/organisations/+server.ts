import { apiHandler } from '$lib/server/api/api-http';
import { presentOrganisation } from '$lib/server/organisations/organisations.presenters';
import { listOrganisationsFor } from '$lib/server/organisations/organisations.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async ({ db, scope, actor }) =>
	Response.json({ data: (await listOrganisationsFor(db, scope, actor)).map((o) => presentOrganisation(o)) })
);
