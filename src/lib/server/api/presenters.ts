// The plan's API presenter lives with its domain; kept here so the API route's import still resolves.
export { presentPlan } from '../plan/plan.presenters';
