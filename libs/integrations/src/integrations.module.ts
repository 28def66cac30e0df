import { Module } from '@nestjs/common';

/** Integrations: integration keys, alert intake (Events API v2, Alertmanager, Grafana), dedup, maintenance windows. */
@Module({
  imports: [],
  providers: [],
  exports: [],
})
export class IntegrationsModule {}
