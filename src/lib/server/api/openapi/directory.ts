/* A part of the OpenAPI document of API v1, assembled by ../openapi.ts. */
import { ORGANISATION_KINDS, ORGANISATION_STATUSES } from '../../../domain/reference';
import { apiErrors, bearer, idParam, json, territoryParam } from './common';

export const directorySchemas = {
	Organisation: {
		type: 'object',
		required: ['id', 'name', 'kind'],
		properties: {
			id: { type: 'integer' },
			name: { type: 'string' },
			kind: { type: 'string', enum: [...ORGANISATION_KINDS] },
			siren: { type: ['string', 'null'], pattern: '^\\d{9}$' },
			siret: { type: ['string', 'null'], pattern: '^\\d{14}$' },
			uai: { type: ['string', 'null'], pattern: '^\\d{7}[A-Z]$' },
			communeCode: { type: ['string', 'null'] },
			website: { type: ['string', 'null'], format: 'uri' },
			parentId: { type: ['integer', 'null'] },
			description: { type: ['string', 'null'] },
			status: { type: 'string', enum: [...ORGANISATION_STATUSES], description: 'Statut actuel (fiche seule).' }
		}
	},
	OrganisationList: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Organisation' } } } },
	OrganisationResponse: { type: 'object', properties: { data: { $ref: '#/components/schemas/Organisation' } } },
	ActivityTypeList: {
		type: 'object',
		properties: {
			data: {
				type: 'array',
				items: {
					type: 'object',
					properties: {
						code: { type: 'string' },
						label: { type: 'string' },
						position: { type: 'integer' },
						retired: { type: 'boolean', description: 'Retiré : plus proposé pour les nouvelles actions, gardé par celles qui l’ont.' }
					}
				}
			}
		}
	}
};

export const activityTypePaths = {
	'/activity-types': {
		get: {
			operationId: 'listActivityTypes',
			summary: 'Liste nationale des types d’action, dans l’ordre des formulaires',
			responses: { '200': { description: 'Liste', content: json('ActivityTypeList') } }
		}
	}
};

export const organisationPaths = {
	'/territories/{territory}/organisations': {
		get: {
			operationId: 'listOrganisations',
			summary: 'Organisations du territoire que le jeton peut lire (la sienne)',
			security: bearer,
			parameters: [territoryParam],
			responses: { '200': { description: 'Liste', content: json('OrganisationList') }, '401': apiErrors['401'], '404': apiErrors['404'] }
		}
	},
	'/territories/{territory}/organisations/{id}': {
		get: {
			operationId: 'getOrganisation',
			summary: 'Une organisation, avec son statut actuel',
			security: bearer,
			parameters: [territoryParam, idParam],
			responses: { '200': { description: 'Organisation', content: json('OrganisationResponse') }, '401': apiErrors['401'], '404': apiErrors['404'] }
		}
	}
};
