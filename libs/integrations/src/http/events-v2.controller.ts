import { Controller, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { correlationIdFrom } from '@app/core';
import { AlertIntake } from '../intake/alert-intake.js';
import { parseEventsV2 } from '../intake/events-v2.parser.js';
import { IntakeGate } from '../intake/intake-gate.js';
import { answerError, invalidEvent } from './intake-http.js';

/** PagerDuty's Events API v2, on the wire: existing clients and Alertmanager's pagerduty_configs work unchanged. */
@Controller('v2')
export class EventsV2Controller {
  constructor(
    private readonly gate: IntakeGate,
    private readonly intake: AlertIntake,
  ) {}

  @Post('enqueue')
  async enqueue(@Req() req: Request, @Res() res: Response): Promise<void> {
    const parsed = parseEventsV2(req.body);
    if (!parsed.ok) {
      res.status(400).json(invalidEvent(parsed.errors));
      return;
    }
    const { routingKey, action, dedupKey } = parsed.event;
    const admitted = await this.gate.admit(routingKey, ['EVENTS_V2']);
    if (!admitted.ok) {
      if (admitted.reason === 'UNKNOWN_KEY') {
        res
          .status(400)
          .json({ status: 'invalid event', message: 'invalid routing key', errors: ['invalid routing key'] });
      } else {
        res
          .status(429)
          .set('Retry-After', String(admitted.retryAfterSeconds))
          .json({ status: 'throttled', message: 'Too many events for this routing key; retry later' });
      }
      return;
    }
    try {
      await this.intake.accept(admitted.key, action, correlationIdFrom(req.headers));
      res.status(202).json({ status: 'success', message: 'Event processed', dedup_key: dedupKey });
    } catch (error) {
      answerError(res, error);
    }
  }
}
