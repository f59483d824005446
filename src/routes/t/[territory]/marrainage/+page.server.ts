import { territoryLoad } from '$lib/server/http/handlers';
import { mentoringListPage } from '$lib/server/mentoring/mentoring.usecases';
import type { PageServerLoad } from './$types';

/** Every role may ask; the mentoring policy narrows (coordinators, funders, partners of the initiative, the cohorts' marraines) and refuses the rest with a 404. */
export const load: PageServerLoad = territoryLoad('profile.own', ({ db, scope, actor }) => mentoringListPage(db, scope, actor));
