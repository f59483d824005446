import { getApp } from '$lib/server/app';
import { publicSiteMap } from '$lib/server/privacy/legal.usecases';
import type { PageServerLoad } from './$types';

/** Every public page, and those of each active territory (the same list as /sitemap.xml). */
export const load: PageServerLoad = async () => publicSiteMap(getApp().database.db);
