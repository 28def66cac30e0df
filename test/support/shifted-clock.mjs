// A test tool, like libfaketime: shifts this process's wall clock (Date) by CLOCK_OFFSET_MS.
// Timers and the monotonic clock are unaffected. Loaded with `node --import` into a service process.
const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const RealDate = Date;

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offset;
  }
}

globalThis.Date = ShiftedDate;
