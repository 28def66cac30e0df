import { randomBytes } from 'node:crypto';
import { Logger, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NOTIFICATION_SECRET } from './notification-keys.js';

/**
 * MERGE PLACEHOLDER (issue-channels branch only; the core's NOTIFICATION_SECRET /
 * NOTIFICATION_SECRET_FILE wiring replaces it): the configured NOTIFICATION_SECRET, else a secret
 * of this process only, so that webhook secrets shown at creation stop verifying after a restart.
 */
export const notificationSecretProvider: Provider = {
  provide: NOTIFICATION_SECRET,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const configured = config.get<string>('NOTIFICATION_SECRET');
    if (configured) return configured;
    new Logger('NotificationKeys').warn('NOTIFICATION_SECRET is unset: webhook secrets last until the next restart');
    return randomBytes(32).toString('base64');
  },
};
