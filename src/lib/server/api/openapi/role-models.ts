/* A part of the OpenAPI document of API v1, assembled by ../openapi.ts. */
import { AUDIENCE_CODES, LEVELS } from '../../../domain/reference';
import { apiErrors, bearer, idParam, invalidQuery, json, territoryParam } from './common';

const readers =
	'Jeton de coordination seulement : les fiches des intervenantes sont des données personnelles gérées par la coordination ; tout autre jeton reçoit 404.';
const readErrors = {
	'401': apiErrors['401'],
	'404': { description: 'Territoire inconnu, jeton d’un autre territoire, fiche introuvable, ou jeton qui n’est pas de coordination.', content: json('Error') }
};

export const roleModelSchemas = {
	RoleModel: {
		type: 'object',
		properties: {
			id: { type: 'integer' },
			firstName: { type: 'string' },
			lastName: { type: 'string' },
			email: { type: 'string', format: 'email' },
			job: { type: ['string', 'null'] },
			firm: {
				type: ['object', 'null'],
				properties: { id: { type: 'integer' }, name: { type: 'string' } },
				description: 'Son entreprise (organisation du territoire)'
			},
			sector: { type: ['string', 'null'] },
			networks: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
			reachEpcis: { type: 'array', items: { type: 'string', pattern: '^\\d{9}$' }, description: 'SIREN des intercommunalités où elle peut aller' },
			reachCommunes: {
				type: 'array',
				items: { type: 'string' },
				description: 'Codes INSEE des communes où elle peut aller ; les deux listes vides : tout le territoire'
			},
			preferredAudiences: { type: 'array', items: { type: 'string', enum: AUDIENCE_CODES } },
			preferredLevels: { type: 'array', items: { type: 'string', enum: LEVELS } },
			languages: { type: 'array', items: { type: 'string' }, description: 'Codes ISO 639-1' },
			active: { type: 'boolean', description: 'Une fiche désactivée est gardée pour l’historique' },
			linked: { type: 'boolean', description: 'Reliée à un compte (elle a accepté l’invitation)' }
		}
	},
	RoleModelList: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/RoleModel' } } } },
	RoleModelResponse: { type: 'object', properties: { data: { $ref: '#/components/schemas/RoleModel' } } }
};

export const roleModelPaths = {
	'/territories/{territory}/role-models': {
		get: {
			operationId: 'listRoleModels',
			summary: 'Intervenantes du territoire, par nom',
			description: readers,
			security: bearer,
			parameters: [
				territoryParam,
				{ name: 'network', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'Seulement les membres de ce réseau' },
				{ name: 'inactive', in: 'query', schema: { type: 'string', enum: ['1'] }, description: '1 : les fiches désactivées aussi' }
			],
			responses: { '200': { description: 'Liste', content: json('RoleModelList') }, ...readErrors, ...invalidQuery }
		}
	},
	'/territories/{territory}/role-models/{id}': {
		get: {
			operationId: 'getRoleModel',
			summary: 'Une intervenante',
			description: readers,
			security: bearer,
			parameters: [territoryParam, idParam],
			responses: { '200': { description: 'Intervenante', content: json('RoleModelResponse') }, ...readErrors }
		}
	}
};
