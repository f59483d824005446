/** Messages of the national dashboard (every territory, platform administrators); spread into fr.ts and en.ts. */
export const nationalDashboardFr = {};

export const nationalDashboardEn: Record<keyof typeof nationalDashboardFr, string> = {};
