/** Messages of the dashboard (key figures, charts by month, school year and breakdown) and its exports (CSV, XLSX, JSON); spread into fr.ts and en.ts. */
export const dashboardFr = {} as const;

export const dashboardEn: Record<keyof typeof dashboardFr, string> = {};
