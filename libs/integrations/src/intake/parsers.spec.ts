import { parseAlertWebhook } from './alertmanager.parser.js';
import { parseEventsV2 } from './events-v2.parser.js';

const routing_key = 'samplekeyhere0123456789abcdefabcd';

describe('Events v2 parser', () => {
  it('maps PagerDuty severities to S1-S4', () => {
    const severities = ['critical', 'error', 'warning', 'info'].map((severity) => {
      const result = parseEventsV2({
        routing_key,
        event_action: 'trigger',
        payload: { summary: 's', source: 'h', severity },
      });
      return result.ok && result.event.action.type === 'TRIGGER' ? result.event.action.severity : null;
    });
    expect(severities).toEqual(['S1', 'S2', 'S3', 'S4']);
  });

  it('lists every problem of an invalid event', () => {
    const result = parseEventsV2({
      event_action: 'trigger',
      payload: { summary: 'x'.repeat(1025), severity: 'fatal' },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      "'routing_key' is missing or blank",
      "'payload.summary' must be at most 1024 characters",
      "'payload.source' is missing or blank",
      "'payload.severity' must be one of critical, error, warning, info",
    ]);
  });
});

describe('Alertmanager and Grafana webhook parser', () => {
  it('turns firing alerts into triggers and resolved ones into resolves, by fingerprint', () => {
    const result = parseAlertWebhook({
      version: '4',
      groupKey: 'g',
      alerts: [
        {
          status: 'firing',
          fingerprint: 'a',
          labels: { alertname: 'Up', severity: 'S2' },
          startsAt: '2026-07-15T12:00:00Z',
        },
        { status: 'resolved', fingerprint: 'b', labels: {} },
      ],
    });
    expect(result.ok && result.actions).toEqual([
      expect.objectContaining({
        type: 'TRIGGER',
        dedupKey: 'a',
        severity: 'S2',
        groupKey: 'g',
        content: expect.objectContaining({ summary: 'Up', occurrenceKey: '2026-07-15T12:00:00Z' }),
      }),
      { type: 'RESOLVE', dedupKey: 'b' },
    ]);
  });

  it('falls back to no severity (the key decides) for an unknown severity label', () => {
    const result = parseAlertWebhook({
      alerts: [{ status: 'firing', fingerprint: 'a', labels: { severity: 'page' } }],
    });
    expect(result.ok && result.actions[0]).toMatchObject({ severity: null, content: { summary: 'Alert a' } });
  });
});
