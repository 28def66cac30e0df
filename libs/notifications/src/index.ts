export * from './notifications.module.js';
export * from './channels/notification-channel.js';
export * from './secrets/notification-keys.js';
