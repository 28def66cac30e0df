import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { systemContext } from '@app/core';
import { IssueApiTokenCommand, type IssuedApiToken } from './commands/issue-api-token.command.js';

/**
 * The first admin on a fresh install: an operator token issued by the system itself, from the
 * command line (`npm run token:admin`), so that no default password exists anywhere.
 */
@Injectable()
export class FirstAdmin {
  constructor(private readonly commands: CommandBus) {}

  issue(operator: string, expiresInDays = 30): Promise<IssuedApiToken> {
    return this.commands.execute(
      new IssueApiTokenCommand(
        { subjectKind: 'operator', subject: operator, role: 'admin', label: `operator ${operator}`, expiresInDays },
        systemContext(),
      ),
    );
  }
}
