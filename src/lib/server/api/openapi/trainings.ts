/* A part of the OpenAPI document of API v1, assembled by ../openapi.ts. */
import { JOB_FAMILY_CODES, TRAINING_LEVELS } from '../../../domain/trainings';
import { invalidQuery, json, notFound, territoryParam } from './common';

export const trainingSchemas = {
	Training: {
		type: 'object',
		properties: {
			id: { type: 'integer' },
			title: { type: 'string' },
			school: {
				type: 'object',
				properties: { id: { type: 'integer' }, name: { type: 'string' }, uai: { type: ['string', 'null'], description: 'Code UAI de l’établissement' } }
			},
			level: { type: 'string', enum: TRAINING_LEVELS },
			commune: { type: 'object', properties: { code: { type: 'string', description: 'Code INSEE' }, name: { type: 'string' } } },
			jobFamilies: {
				type: 'array',
				items: {
					type: 'object',
					properties: { code: { type: 'string', enum: JOB_FAMILY_CODES }, labelFr: { type: 'string' }, labelEn: { type: 'string' } }
				},
				description: 'Les familles de métiers auxquelles mène la formation'
			},
			girlsShare: {
				type: ['object', 'null'],
				properties: { percent: { type: 'integer', minimum: 0, maximum: 100 }, schoolYear: { type: 'string', examples: ['2024-2025'] } },
				description: 'Part de filles (en %) et année scolaire de la mesure ; null quand elle n’est pas connue'
			},
			apprenticeship: { type: 'boolean' },
			description: { type: ['string', 'null'] },
			url: { type: ['string', 'null'], format: 'uri', description: 'Page de la formation sur le site de l’établissement' }
		}
	},
	TrainingList: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Training' } } } }
};

export const trainingPaths = {
	'/territories/{territory}/trainings': {
		get: {
			operationId: 'listTrainings',
			summary: 'Métiers et formations : les formations industrielles du territoire et les familles de métiers auxquelles elles mènent, par intitulé',
			parameters: [
				territoryParam,
				{ name: 'family', in: 'query', schema: { type: 'string', enum: JOB_FAMILY_CODES }, description: 'Seulement les formations qui mènent à ces métiers' },
				{ name: 'level', in: 'query', schema: { type: 'string', enum: TRAINING_LEVELS } },
				{ name: 'commune', in: 'query', schema: { type: 'string', pattern: '^[0-9][0-9AB][0-9]{3}$' }, description: 'Code INSEE de la commune' }
			],
			responses: { '200': { description: 'Liste', content: json('TrainingList') }, '404': notFound, ...invalidQuery }
		}
	}
};
