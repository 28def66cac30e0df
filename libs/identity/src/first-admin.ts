import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { systemContext } from '@app/core';
import { IssueApiTokenCommand, type IssuedApiToken } from './commands/issue-api-token.command.js';

/**
 * The first admin on a fresh install: an operator token issued by the system itself, from the
 * command line (`npm run token:admin`), so that no default password exists anywhere; and a
 * display's viewer token from the same command (`--viewer`).
 */
@Injectable()
export class FirstAdmin {
  constructor(private readonly commands: CommandBus) {}

  /** A viewer token for a wall display named `name` (subject `display:<name>`). */
  issueDisplay(name: string, expiresInDays = 30): Promise<IssuedApiToken> {
    return this.commands.execute(
      new IssueApiTokenCommand(
        { subjectKind: 'display', subject: name, role: 'viewer', label: `display ${name}`, expiresInDays },
        systemContext(),
      ),
    );
  }

  issue(operator: string, expiresInDays = 30): Promise<IssuedApiToken> {
    return this.commands.execute(
      new IssueApiTokenCommand(
        { subjectKind: 'operator', subject: operator, role: 'admin', label: `operator ${operator}`, expiresInDays },
        systemContext(),
      ),
    );
  }
}
