export * from './organisations.ts';
export * from './users.ts';
export * from './catalogues.ts';
export * from './forms.ts';
export * from './campaigns.ts';
export * from './responses.ts';
export * from './values.ts';
export * from './mail.ts';
