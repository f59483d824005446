import { getApp } from '$lib/server/app';
import { publicSiteMap } from '$lib/server/privacy/legal.usecases';
import type { PageServerLoad } from './$types';

/** A page to read: no JavaScript is sent (budget of 30 KB for public pages, decision 0010); the language switch is a plain form. */
export const csr = false;

/** Every public page, and those of each active territory (the same list as /sitemap.xml). */
export const load: PageServerLoad = async () => publicSiteMap(getApp().database.db);
