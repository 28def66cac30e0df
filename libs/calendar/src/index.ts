export * from './calendar.module.js';
export * from './calendar.options.js';
export * from './graphql/calendar.read-access.js';
export * from './feed/feed-request-log.js';
