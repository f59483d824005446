import { nationalDashboardDownload } from '$lib/server/dashboard/dashboard.http';
import type { RequestHandler } from './$types';

/** The national dashboard as XLSX: exactly what the page shows, with the same filters (dashboard.http.ts). */
export const GET: RequestHandler = nationalDashboardDownload('xlsx');
