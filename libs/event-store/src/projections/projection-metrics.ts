import { SKIP_REASONS } from '../foreign-events.js';
import type { ProjectionStatus, ProjectionsReadiness } from './projection-runner.js';

interface Metric {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  samples: Array<{ labels: Record<string, string>; value: number | bigint }>;
}

/** The projection runner's figures in the Prometheus text format (version 0.0.4). */
export function projectionMetrics(statuses: ProjectionStatus[], readiness: ProjectionsReadiness): string {
  const each = (value: (s: ProjectionStatus) => number | bigint) =>
    statuses.map((s) => ({ labels: { projection: s.name }, value: value(s) }));
  const metrics: Metric[] = [
    {
      name: 'projections_ready',
      type: 'gauge',
      help: '1 once every read model has caught up after the start and none is stuck',
      samples: [{ labels: {}, value: readiness.ready ? 1 : 0 }],
    },
    {
      name: 'projection_position',
      type: 'gauge',
      help: 'Global position of the last event a read model applied (0 before the first)',
      samples: each((s) => (s.position === 'start' ? 0 : s.position)),
    },
    {
      name: 'projection_caught_up',
      type: 'gauge',
      help: '1 once a read model has applied every event the store held at the start',
      samples: each((s) => (s.caughtUp ? 1 : 0)),
    },
    {
      name: 'projection_stuck',
      type: 'gauge',
      help: '1 while a read model does not advance (see the projections query or /health/ready for the event)',
      samples: each((s) => (s.failure ? 1 : 0)),
    },
    {
      name: 'projection_failed_attempts',
      type: 'gauge',
      help: 'Attempts in a row that failed on the same event',
      samples: each((s) => s.failure?.attempts ?? 0),
    },
    {
      name: 'projection_skipped_events_total',
      type: 'counter',
      help: 'Events the service did not write that a read model passed over, since the start, by reason',
      samples: statuses.flatMap((s) => {
        const counts = new Map(s.skipped.entries().map((e) => [e.reason, e.count]));
        return SKIP_REASONS.map((reason) => ({
          labels: { projection: s.name, reason },
          value: counts.get(reason) ?? 0,
        }));
      }),
    },
  ];
  return metrics.map(render).join('');
}

function render({ name, type, help, samples }: Metric): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const { labels, value } of samples) {
    const pairs = Object.entries(labels).map(([key, v]) => `${key}="${escapeLabel(v)}"`);
    lines.push(`${name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
