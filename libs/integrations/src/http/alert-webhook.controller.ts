import { Controller, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { correlationIdFrom } from '@app/core';
import type { AlertIntegrationKind } from '@app/escalations';
import { parseAlertWebhook } from '../intake/alertmanager.parser.js';
import { AlertIntake } from '../intake/alert-intake.js';
import { IntakeGate } from '../intake/intake-gate.js';
import { answerError, invalidEvent } from './intake-http.js';

/**
 * Alertmanager's webhook receiver (payload version 4) and Grafana alerting's webhook contact point.
 * The key in the path is the credential; an unknown or revoked one is answered 404.
 */
@Controller('integrations')
export class AlertWebhookController {
  constructor(
    private readonly gate: IntakeGate,
    private readonly intake: AlertIntake,
  ) {}

  @Post('alertmanager/:key')
  alertmanager(@Param('key') key: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.receive('ALERTMANAGER', key, req, res);
  }

  @Post('grafana/:key')
  grafana(@Param('key') key: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.receive('GRAFANA', key, req, res);
  }

  @Put('grafana/:key')
  grafanaPut(@Param('key') key: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.receive('GRAFANA', key, req, res);
  }

  private async receive(kind: AlertIntegrationKind, secret: string, req: Request, res: Response): Promise<void> {
    const admitted = await this.gate.admit(secret, [kind]);
    if (!admitted.ok) {
      if (admitted.reason === 'UNKNOWN_KEY') {
        res.status(404).json({ status: 'error', message: 'No such integration' });
      } else {
        res
          .status(429)
          .set('Retry-After', String(admitted.retryAfterSeconds))
          .json({ status: 'throttled', message: 'Too many notifications for this integration; retry later' });
      }
      return;
    }
    const parsed = parseAlertWebhook(req.body);
    if (!parsed.ok) {
      res.status(400).json(invalidEvent(parsed.errors));
      return;
    }
    const correlationId = correlationIdFrom(req.headers);
    try {
      await Promise.all(parsed.actions.map((action) => this.intake.accept(admitted.key, action, correlationId)));
      res.status(200).json({ status: 'success', message: 'Notification processed', alerts: parsed.actions.length });
    } catch (error) {
      answerError(res, error);
    }
  }
}
