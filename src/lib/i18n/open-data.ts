/** Messages of the open data (aggregate figures with suppressed small cells, the dataset page); spread into fr.ts and en.ts. */
export const openDataFr = {} as const;

export const openDataEn: Record<keyof typeof openDataFr, string> = {};
