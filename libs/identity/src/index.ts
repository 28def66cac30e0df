export * from './identity.module.js';
export * from './identity.options.js';
export * from './authentication/authenticator.js';
export * from './authentication/live-connections.js';
export * from './first-admin.js';
export * from './commands/issue-api-token.command.js';
export * from './tokens/token-signer.js';
export * from './graphql/identity.read-access.js';
