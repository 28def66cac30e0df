import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CoreModule } from '@app/core';
import { SchedulingModule } from '@app/scheduling';
import { configModule, eventStoreModule, identityModule } from '../config/shared-modules.js';

/**
 * What command-line tools need: the store and the identity context, with read models of their own
 * in memory (a running service keeps its read-model file to itself).
 */
@Module({
  imports: [
    configModule(),
    CoreModule,
    CqrsModule.forRoot(),
    eventStoreModule({ readModelPath: ':memory:', dueTaskPollIntervalMs: 0 }),
    SchedulingModule,
    identityModule(),
  ],
})
export class CliModule {}
