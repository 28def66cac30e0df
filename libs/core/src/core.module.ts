import { Global, Module } from '@nestjs/common';
import { ActorDirectory } from './actors/actor-directory.js';
import { ActorResolver } from './actors/actor.model.js';
import { CLOCK, SystemClock } from './clock/clock.js';

/**
 * Shared kernel: the clock every context reads "now" from (tests replace it), and the directory
 * that names actors (each context registers its source of names).
 */
@Global()
@Module({
  providers: [{ provide: CLOCK, useClass: SystemClock }, ActorDirectory, ActorResolver],
  exports: [CLOCK, ActorDirectory],
})
export class CoreModule {}
