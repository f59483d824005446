/** Messages of the map of communes (participations per 1,000 inhabitants); spread into fr.ts and en.ts. */
export const mapFr = {};

export const mapEn: Record<keyof typeof mapFr, string> = {};
