// A test tool, like libfaketime: shifts this process's wall clock (Date) by the number of
// milliseconds in the file CLOCK_OFFSET_FILE, read again every 50 ms so that a test can move the
// clock of a running process. Timers and the monotonic clock are unaffected.
// Loaded with `node --import` into a service process.
import { readFileSync } from 'node:fs';

const file = process.env.CLOCK_OFFSET_FILE;
const RealDate = Date;
let offset = 0;

function readOffset() {
  try {
    const value = Number(readFileSync(file, 'utf8').trim());
    if (Number.isFinite(value) && value > offset) offset = value;
  } catch {
    // no file yet: no shift
  }
}

if (file) {
  readOffset();
  setInterval(readOffset, 50).unref();
}

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
