/** Messages of targets and milestones; spread into fr.ts and en.ts. */
export const targetsFr = {};

export const targetsEn: Record<keyof typeof targetsFr, string> = {};
