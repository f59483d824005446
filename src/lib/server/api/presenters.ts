// The plan's API presenter lives with its domain; kept here so the API route's import still resolves.
export { presentPlan } from '../plan/plan.presenters';
import type { listTerritories } from '../territories/territories.usecases';

/** A territory in the public list. */
export function presentTerritory(t: Awaited<ReturnType<typeof listTerritories>>[number]) {
	return { slug: t.slug, name: t.name, demo: t.demoLoaded };
}
