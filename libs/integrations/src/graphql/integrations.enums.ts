import { registerEnumType } from '@nestjs/graphql';

export enum IntegrationKindValue {
  EVENTS_V2 = 'EVENTS_V2',
  ALERTMANAGER = 'ALERTMANAGER',
  GRAFANA = 'GRAFANA',
}

registerEnumType(IntegrationKindValue, {
  name: 'IntegrationKind',
  description:
    'Which endpoint the key is for: EVENTS_V2 (POST /v2/enqueue), ALERTMANAGER or GRAFANA (POST /integrations/<kind>/<key>)',
});
