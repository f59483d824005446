export * from '../territories/territories.table';
export * from '../organisations/organisations.table';
export * from '../plan/plan.table';
export * from '../activities/activities.table';
export * from '../indicator/indicator.table';
export * from '../accounts/accounts.table';
