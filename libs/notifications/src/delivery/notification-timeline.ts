import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EscalationQueries, EscalationTimelineContributions, type TimelineContribution } from '@app/escalations';
import { ScheduleQueries } from '@app/scheduling';
import type { ContactMethodKind } from '../channels/notification-channel.js';
import { DeliveryQueries, type DeliveryRow } from '../projections/delivery.queries.js';

const FIRST: Record<ContactMethodKind, string> = {
  EMAIL: 'Emailed',
  SLACK: 'Sent a Slack message to',
  TEAMS: 'Sent a Teams message to',
  WEBHOOK: 'Called the webhook of',
};
const NEXT: Record<ContactMethodKind, string> = { EMAIL: 'e-mail', SLACK: 'Slack', TEAMS: 'Teams', WEBHOOK: 'webhook' };

/**
 * Adds to each escalation's timeline one line per page and recipient telling how they were
 * reached: "Emailed Ana at 03:02 EDT, no answer; Slack at 03:07 EDT".
 */
@Injectable()
export class NotificationTimeline implements OnModuleInit {
  constructor(
    private readonly contributions: EscalationTimelineContributions,
    private readonly deliveries: DeliveryQueries,
    private readonly escalations: EscalationQueries,
    private readonly schedule: ScheduleQueries,
  ) {}

  onModuleInit(): void {
    this.contributions.register((escalationId) => this.lines(escalationId));
  }

  lines(escalationId: string): TimelineContribution[] {
    const escalation = this.escalations.find(escalationId);
    const groups = new Map<string, DeliveryRow[]>();
    for (const row of this.deliveries.forEscalation(escalationId)) {
      if (row.messageKind !== 'PAGE' || !(row.status === 'DELIVERED' || row.status === 'FAILED')) continue;
      const key = `${row.pageId}|${row.responderId}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return [...groups.values()].map((rows) => {
      rows.sort((a, b) => (a.sentAt ?? a.dueAt).localeCompare(b.sentAt ?? b.dueAt));
      const { responderId, pageId } = rows[0];
      const responder = this.schedule.findResponder(responderId);
      const zone = responder?.timeZone ?? 'UTC';
      const time = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('HH:mm ZZZZ');
      const parts = rows.map((row, index) => {
        const what = index === 0 ? `${FIRST[row.channel]} ${responder?.name ?? responderId}` : NEXT[row.channel];
        return row.status === 'DELIVERED'
          ? `${what} at ${time(row.sentAt!)}`
          : `${what}: failed after ${row.attempts} attempt(s) (${row.lastError ?? 'no answer'})`;
      });
      const page = escalation?.pages.find((p) => p.pageId === pageId);
      const answered = page?.acknowledgedBy === responderId;
      const minute = (row: DeliveryRow) => (row.sentAt ?? row.dueAt).slice(0, 16);
      const joined = parts.reduce(
        (text, part, index) =>
          index === 0
            ? part
            : `${text}${minute(rows[index]) > minute(rows[index - 1]) ? ', no answer; ' : '; '}${part}`,
        '',
      );
      const text = joined + (page && page.status !== 'TRIGGERED' && !answered ? ', no answer' : '');
      return {
        at: rows[0].sentAt ?? rows[0].dueAt,
        actor: 'system',
        type: 'NotificationsSent',
        description: text,
        responderIds: [responderId],
      };
    });
  }
}
