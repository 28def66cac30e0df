import { Injectable } from '@nestjs/common';

/** A line another context adds to an escalation's timeline (e.g. who was notified, and how). */
export interface TimelineContribution {
  at: string;
  actor: string;
  type: string;
  description: string;
  responderIds: string[];
}

export type TimelineContributor = (escalationId: string) => TimelineContribution[];

/**
 * Where contexts that depend on escalations (notifications) register timeline lines, so the
 * timeline tells more than the escalation's own events without escalations knowing about them.
 */
@Injectable()
export class EscalationTimelineContributions {
  private readonly contributors: TimelineContributor[] = [];

  register(contributor: TimelineContributor): void {
    this.contributors.push(contributor);
  }

  for(escalationId: string): TimelineContribution[] {
    return this.contributors.flatMap((contributor) => contributor(escalationId));
  }
}
