export * from './integrations.module.js';
