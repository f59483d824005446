/** The licence of the open data (decision 0013): Etalab's, for public bodies' data in France. */
export const OPEN_DATA_LICENCE = { name: 'Licence Ouverte / Open Licence 2.0', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' } as const;
