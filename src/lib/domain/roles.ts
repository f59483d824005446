/** Roles a user can hold in a territory (shared by the server's permission matrix and the UI). */
export const TERRITORY_ROLES = ['coordinator', 'partner', 'role_model', 'requester', 'funder'] as const;
export type TerritoryRole = (typeof TERRITORY_ROLES)[number];
