import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => Response.json(openApiDocument(url.origin));
