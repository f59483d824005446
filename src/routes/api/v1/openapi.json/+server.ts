import { publicApiHandler } from '$lib/server/api/api-http';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = publicApiHandler(async ({ event }) => Response.json(openApiDocument(event.url.origin)));
