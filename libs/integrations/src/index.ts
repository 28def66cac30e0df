export * from './integrations.module.js';
export * from './integrations.options.js';
export * from './http/intake-http.js';
export * from './domain/alert/alert.events.js';
export * from './intake/key-secret.js';
export * from './graphql/integrations.read-access.js';
