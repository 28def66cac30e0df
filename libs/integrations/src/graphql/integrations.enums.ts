import { enumFromList } from '@app/core';
import type { AlertIntegrationKind } from '@app/escalations';
import { INTEGRATION_KINDS } from '../domain/integration-key/integration-key.events.js';

export const IntegrationKindValue = enumFromList(INTEGRATION_KINDS, 'IntegrationKind', {
  description:
    'Which endpoint the key is for: EVENTS_V2 (POST /v2/enqueue), ALERTMANAGER or GRAFANA (POST /integrations/<kind>/<key>)',
});
export type IntegrationKindValue = AlertIntegrationKind;
