import { activityPaths, activitySchemas } from './openapi/activities';
import { commonSchemas } from './openapi/common';
import { activityTypePaths, directorySchemas, organisationPaths } from './openapi/directory';
import { indicatorPaths, indicatorSchemas, territoryListPaths, territorySchemas } from './openapi/indicator';
import { interventionPaths, interventionSchemas } from './openapi/interventions';
import { openDataPaths, openDataSchemas } from './openapi/open-data';
import { planPaths, planSchemas } from './openapi/plan';
import { roleModelPaths, roleModelSchemas } from './openapi/role-models';
import { trainingPaths, trainingSchemas } from './openapi/trainings';

/*
 * The OpenAPI document of API v1, assembled from one part per domain (./openapi/*.ts): each part
 * gives its component schemas and its paths.
 */

/** Component schemas: the document's, and the contract readJsonObject() checks JSON types against (api-http.ts). */
export const API_SCHEMAS = {
	...commonSchemas,
	...activitySchemas,
	...territorySchemas,
	...planSchemas,
	...directorySchemas,
	...indicatorSchemas,
	...openDataSchemas,
	...interventionSchemas,
	...roleModelSchemas,
	...trainingSchemas
};
export type ApiSchemaName = keyof typeof API_SCHEMAS;

/** OpenAPI 3.1 description of API v1; a test checks every documented path answers and every API route is documented. */
export function openApiDocument(origin: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Mixité Industrie — API v1',
			version: '1.0.0',
			description:
				'Plan d’action et indicateur « personnes sensibilisées » des Territoires d’industrie. Les chiffres sont des participations (une personne présente à une action réalisée), pas des personnes distinctes.'
		},
		servers: [{ url: `${origin}/api/v1` }],
		paths: {
			...territoryListPaths,
			...planPaths,
			...activityTypePaths,
			...organisationPaths,
			...indicatorPaths,
			...openDataPaths(origin),
			...activityPaths,
			...interventionPaths,
			...roleModelPaths,
			...trainingPaths
		},
		components: {
			securitySchemes: {
				bearerAuth: {
					type: 'http',
					scheme: 'bearer',
					description:
						'Jeton d’API « mxi_… » créé dans Mixité Industrie (page Jetons d’API), pour un territoire. Le jeton d’une organisation agit pour elle, sur les initiatives qu’elle pilote ou auxquelles elle participe ; un jeton de coordination (créé par la coordination) agit sur tout le territoire. Un jeton en lecture seule reçoit 404 à toute écriture.'
				}
			},
			schemas: API_SCHEMAS
		}
	};
}
