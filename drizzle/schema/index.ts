export * from './organisations.ts';
export * from './users.ts';
export * from './catalogues.ts';
