import { Global, Module } from '@nestjs/common';
import { CLOCK, SystemClock } from './clock/clock.js';

/** Shared kernel: the clock every context reads "now" from (tests replace it). */
@Global()
@Module({
  providers: [{ provide: CLOCK, useClass: SystemClock }],
  exports: [CLOCK],
})
export class CoreModule {}
