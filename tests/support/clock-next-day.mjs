// Preloaded (node --import) into every process of a build to stand for midnight passing during the
// build: the clock starts at CLOCK_AT (an ISO time), and in a process whose arguments include
// CLOCK_NEXT_DAY_IN (for example --aggregate) it reads one day later. Only the clock moves.
const DAY = 86_400_000;
const at = Date.parse(process.env.CLOCK_AT ?? '');
if (!Number.isNaN(at)) {
  const RealDate = Date;
  const offset = at - RealDate.now() + (process.argv.includes(process.env.CLOCK_NEXT_DAY_IN ?? '\0') ? DAY : 0);
  class MovedClock extends RealDate {
    constructor(...args) { if (args.length) super(...args); else super(RealDate.now() + offset); }
    static now() { return RealDate.now() + offset; }
  }
  globalThis.Date = MovedClock;
}
