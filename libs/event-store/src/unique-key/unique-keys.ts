import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { CommandRunner } from '../decider/command-runner.js';
import { normaliseUniqueKey, uniqueKeyDecider } from './unique-key.decider.js';

/**
 * Enforces "only one" on the store: `claim` appends to the key's own stream with expected
 * revision no_stream, so of concurrent claimants exactly one is recorded, whatever the read
 * models say. It answers the recorded owner: the caller's id when it won, the holder's otherwise.
 * A claim whose aggregate was never written (a crash between the two appends) is not lost: the
 * caller finds the holder's aggregate missing and writes it under the holder's id.
 */
@Injectable()
export class UniqueKeys {
  constructor(private readonly runner: CommandRunner) {}

  async claim(scope: string, value: string, ownerId: string, context: RequestContext): Promise<string> {
    const key = normaliseUniqueKey(value);
    const { state } = await this.runner.run(
      uniqueKeyStream(scope, key),
      uniqueKeyDecider,
      { type: 'ClaimUniqueKey', key, ownerId },
      context,
    );
    return state!.ownerId;
  }

  /** Gives the key up when `ownerId` holds it, so that it may be claimed again. */
  async release(scope: string, value: string, ownerId: string, context: RequestContext): Promise<void> {
    const key = normaliseUniqueKey(value);
    await this.runner.run(
      uniqueKeyStream(scope, key),
      uniqueKeyDecider,
      { type: 'ReleaseUniqueKey', key, ownerId },
      context,
    );
  }
}

export function uniqueKeyStream(scope: string, value: string): string {
  return `${scope}-${normaliseUniqueKey(value)}`;
}
