/** Messages of the yearly report (bilan) as PDF; spread into fr.ts and en.ts. */
export const reportFr = {} as const;

export const reportEn: Record<keyof typeof reportFr, string> = {};
