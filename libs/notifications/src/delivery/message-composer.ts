import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EscalationQueries, type EscalationDoc, type Page } from '@app/escalations';
import type { ShiftBoundaryData } from '@app/handovers';
import { ScheduleQueries } from '@app/scheduling';
import { ActionLinks, PAGE_ACTIONS } from '../actions/action-links.js';
import type { OutboundMessage, PageAction } from '../channels/notification-channel.js';
import { VerificationCodes } from '../commands/verification-codes.js';
import type { DeliveryRow } from '../projections/delivery.queries.js';

const LABELS: Record<PageAction, string> = {
  ACKNOWLEDGE: 'Acknowledge',
  RESOLVE: 'Resolve',
  ESCALATE: 'Escalate to the next step',
};

const RULES: Record<string, string> = {
  ON_CALL: 'you are on call',
  LEAST_RECENTLY_ESCALATED_ONLINE: 'you are on call, online, and were paged longest ago',
  NOBODY_ONLINE_ON_CALL: 'you are on call (nobody on call was online)',
  LISTED: 'you are listed for this step of the policy',
};

const lower = (value: string) => value.toLowerCase().replaceAll('_', ' ');

/** Renders what a delivery says, at the moment it is sent: short, plain, readable on a phone. */
@Injectable()
export class MessageComposer {
  constructor(
    private readonly escalations: EscalationQueries,
    private readonly schedule: ScheduleQueries,
    private readonly links: ActionLinks,
    private readonly codes: VerificationCodes,
  ) {}

  /** Every message names the contact method it goes to: a webhook signs it with that method's own secret. */
  async compose(row: DeliveryRow, now: Date): Promise<OutboundMessage> {
    return { ...(await this.composeFor(row, now)), endpointId: row.contactMethodId };
  }

  private async composeFor(row: DeliveryRow, now: Date): Promise<OutboundMessage> {
    switch (row.messageKind) {
      case 'VERIFICATION':
        return this.verification(row);
      case 'PAGE':
        return this.page(row, now);
      case 'PAGE_ESCALATED':
      case 'PAGE_ANSWERED':
        return this.pageFollowUp(row);
      case 'HANDOVER_WAITING':
        return this.handover(row);
      case 'RAPID_ACTION_DUE':
        return this.rapidActionDue(row);
      case 'ON_CALL_REMINDER':
        return this.onCallReminder(row);
      default:
        throw new Error(`No message is composed for ${row.messageKind}`);
    }
  }

  private verification(row: DeliveryRow): OutboundMessage {
    const base = {
      deliveryId: row.deliveryId,
      kind: 'VERIFICATION' as const,
      actions: [],
      responderId: row.responderId,
      data: { type: 'verification', contactMethodId: row.contactMethodId, responderId: row.responderId },
    };
    // A webhook is verified by answering this signed message with a 2xx: it carries no code to enter.
    if (row.channel === 'WEBHOOK') {
      return {
        ...base,
        subject: 'Your on-call webhook: verification',
        text: [
          'This signed test message verifies your webhook: answer it with a 2xx status to receive pages here.',
          'If you did not add this webhook, answer with an error status and it stays unverified.',
        ].join('\n'),
      };
    }
    const code = this.codes.code(row.verificationId!);
    return {
      ...base,
      subject: `Your on-call verification code: ${code}`,
      text: [
        `Your verification code is ${code}.`,
        `Enter it (verifyContactMethod) to receive pages at this ${lower(row.channel)} address.`,
        'It expires in 24 hours. If you did not ask for it, ignore this message.',
      ].join('\n'),
      verificationCode: code,
    };
  }

  private async page(row: DeliveryRow, now: Date): Promise<OutboundMessage> {
    const escalation = this.escalations.escalation(row.escalationId!);
    const page = escalation.pages.find((p) => p.pageId === row.pageId);
    if (!page) throw new Error(`Page ${row.pageId} is not in escalation ${escalation.escalationId}`);
    const recipient = this.schedule.findResponder(row.responderId);
    const zone = recipient?.timeZone ?? 'UTC';
    const rotation = this.rotationName(page.rotationId ?? escalation.rotationId);
    const others = [...page.recipients, ...page.shadowIds]
      .filter((id) => id !== row.responderId)
      .map((id) => this.schedule.findResponder(id)?.name ?? id);
    const deadline = DateTime.fromISO(page.ackDeadline, { zone }).toFormat('HH:mm ZZZZ');
    const actions = await Promise.all(
      PAGE_ACTIONS.map(async (action) => ({
        action,
        label: LABELS[action],
        url: await this.links.url(row.deliveryId, page.pageId, row.responderId, action, now),
      })),
    );
    return {
      deliveryId: row.deliveryId,
      kind: 'PAGE',
      subject: `[${escalation.severity}] ${escalation.title} — you are paged (${rotation})`,
      text: [
        `${escalation.severity} ${lower(escalation.source)} escalation: ${escalation.title}`,
        `Rotation: ${rotation}, ${this.step(page)}`,
        `Why you: ${this.why(page, row.responderId)}`,
        `Also paged: ${others.length > 0 ? others.join(', ') : 'nobody else'}`,
        `Acknowledge by ${deadline}.`,
      ].join('\n'),
      actions,
      pageId: page.pageId,
      escalationId: escalation.escalationId,
      responderId: row.responderId,
      data: this.facts(escalation, page),
    };
  }

  /** What became of a page someone was told about: the next step paged, or someone else acknowledged. */
  private pageFollowUp(row: DeliveryRow): OutboundMessage {
    const escalation = this.escalations.escalation(row.escalationId!);
    const page = escalation.pages.find((p) => p.pageId === row.pageId);
    if (!page) throw new Error(`Page ${row.pageId} is not in escalation ${escalation.escalationId}`);
    const zone = this.schedule.findResponder(row.responderId)?.timeZone ?? 'UTC';
    const time = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('HH:mm ZZZZ');
    const name = (id: string) => this.schedule.findResponder(id)?.name ?? id;
    let headline: string;
    let lines: string[];
    if (row.messageKind === 'PAGE_ANSWERED') {
      const by = name(page.acknowledgedBy ?? '');
      headline = `acknowledged by ${by}`;
      lines = [
        `${by} acknowledged at ${time(page.acknowledgedAt ?? page.pagedAt)} and is now DRI.`,
        'Nothing more is needed from you.',
      ];
    } else {
      const next = escalation.pages.find((p) => p.kind === 'POLICY_STEP' && p.step === (page.step ?? -2) + 1);
      headline = 'escalated to the next step';
      lines = [
        `Not acknowledged by ${time(page.closedAt ?? page.ackDeadline)}: the page moved on.`,
        next
          ? `Now paged: ${next.recipients.map(name).join(', ') || 'nobody'} (${this.step(next)}).`
          : 'No further step: every step of the policy was paged.',
      ];
    }
    return {
      deliveryId: row.deliveryId,
      kind: row.messageKind,
      subject: `[${escalation.severity}] ${escalation.title} — ${headline}`,
      text: [`${escalation.severity} ${lower(escalation.source)} escalation: ${escalation.title}`, ...lines].join('\n'),
      actions: [],
      pageId: page.pageId,
      escalationId: escalation.escalationId,
      responderId: row.responderId,
      data: { ...this.facts(escalation, page), type: lower(row.messageKind).replace(' ', '-') },
    };
  }

  private handover(row: DeliveryRow): OutboundMessage {
    const boundary = JSON.parse(row.doc!) as ShiftBoundaryData;
    const time = this.timeFor(row.responderId);
    const name = (id: string) => this.schedule.findResponder(id)?.name ?? id;
    const rotation = this.rotationName(boundary.rotationId);
    const count = boundary.items.length;
    return {
      deliveryId: row.deliveryId,
      kind: 'HANDOVER_WAITING',
      subject: `Handover waiting for you: ${count} escalation(s) from ${rotation}`,
      text: [
        `${boundary.outgoingIds.map(name).join(', ')} went off call in ${rotation} at ${time(boundary.at)}.`,
        ...boundary.items.map(
          (item) => `- ${item.severity} ${item.title} (DRI ${name(item.driId)}, ${lower(item.state)})`,
        ),
        `Accept each item by ${time(boundary.handOverBy)} (acceptHandover); the summaries: handover(boundaryId: "${boundary.boundaryId}") { markdown }.`,
      ].join('\n'),
      actions: [],
      responderId: row.responderId,
      data: {
        type: 'handover-waiting',
        boundaryId: boundary.boundaryId,
        rotationId: boundary.rotationId,
        items: boundary.items,
      },
    };
  }

  private rapidActionDue(row: DeliveryRow): OutboundMessage {
    const action = JSON.parse(row.doc!) as { rapidActionId: string; title: string; severity: string; dueBy: string };
    const due = this.timeFor(row.responderId)(action.dueBy);
    return {
      deliveryId: row.deliveryId,
      kind: 'RAPID_ACTION_DUE',
      subject: `[${action.severity}] ${action.title} — your update is due by ${due}`,
      text: [
        `You are the DRI of the rapid action "${action.title}".`,
        `Post its daily update before ${due}, or it becomes overdue.`,
      ].join('\n'),
      actions: [],
      responderId: row.responderId,
      data: { type: 'rapid-action-due', rapidActionId: action.rapidActionId, dueBy: action.dueBy },
    };
  }

  private onCallReminder(row: DeliveryRow): OutboundMessage {
    const reminder = JSON.parse(row.doc!) as { rotationId: string; shiftStart: string; minutesBefore: number };
    const rotation = this.rotationName(reminder.rotationId);
    const start = this.timeFor(row.responderId)(reminder.shiftStart);
    return {
      deliveryId: row.deliveryId,
      kind: 'ON_CALL_REMINDER',
      subject: `You go on call in ${reminder.minutesBefore} min: ${rotation} (${start})`,
      text: [
        `Your shift in ${rotation} starts ${start}.`,
        'Handovers waiting for you: inProgressFromPreviousShift(responderId) { … }.',
      ].join('\n'),
      actions: [],
      responderId: row.responderId,
      data: { type: 'on-call-reminder', rotationId: reminder.rotationId, shiftStart: reminder.shiftStart },
    };
  }

  private timeFor(responderId: string): (iso: string) => string {
    const zone = this.schedule.findResponder(responderId)?.timeZone ?? 'UTC';
    return (iso) => DateTime.fromISO(iso, { zone }).toFormat('ccc HH:mm ZZZZ');
  }

  private step(page: Page): string {
    return page.layer === 'BACKUP_POOL' ? 'backup pool' : `step ${(page.step ?? 0) + 1} (${lower(page.layer)})`;
  }

  private why(page: Page, responderId: string): string {
    if (page.shadowIds.includes(responderId)) return 'you shadow this rotation (a copy; you are not responsible)';
    if (page.layer === 'BACKUP_POOL') return 'you are in the backup pool';
    const rule = RULES[page.selection.rule] ?? lower(page.selection.rule);
    return `${rule} (among ${page.selection.candidates.length} candidate(s))`;
  }

  private rotationName(rotationId: string): string {
    try {
      return this.schedule.rotation(rotationId).name;
    } catch {
      return rotationId;
    }
  }

  private facts(escalation: EscalationDoc, page: Page): Record<string, unknown> {
    return {
      type: 'page',
      escalation: {
        id: escalation.escalationId,
        title: escalation.title,
        severity: escalation.severity,
        source: escalation.source,
        state: escalation.state,
      },
      page: {
        id: page.pageId,
        layer: page.layer,
        step: page.step,
        rotationId: page.rotationId,
        recipients: page.recipients,
        ackDeadline: page.ackDeadline,
        selectionRule: page.selection.rule,
      },
    };
  }
}
