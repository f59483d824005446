import { hasWholeTerritory, type Principal } from '../accounts/permissions';

/*
 * Record-level rules of portraits. The coordination manages the library (adds, edits, publishes,
 * records consents); everyone sees a portrait while it is online (domain/portraits.ts `isOnline`).
 * Screenings are activities: who may record one is the activities' policy (the portraits'
 * initiative and its partners, e.g. the CORIF or an employment agency taking part).
 */

export function mayManagePortraits(principal: Principal | null, territoryId: number): boolean {
	return hasWholeTerritory(principal, territoryId, 'write');
}
