import { LoopPressure } from '../../../src/requests/loopPressure.js';

test('busy after three late probes in a row, calm again at the first probe on time', () => {
  const p = new LoopPressure(20, 50, 3);
  let calmed = 0;
  p.onCalm(() => calmed++);
  p.observe(200); // one long task (a chart, a GC pause) is not a burst
  p.observe(10);
  p.observe(120);
  p.observe(130);
  expect(p.busy).toBe(false);
  p.observe(140);
  expect(p.busy).toBe(true);
  p.observe(300);
  expect(p.busy).toBe(true);
  expect(calmed).toBe(0);
  p.observe(3);
  expect(p.busy).toBe(false);
  expect(calmed).toBe(1);
  p.stop();
});

test('measures the real event loop: a saturated loop reads as busy, an idle one as calm', async () => {
  const p = new LoopPressure(10, 30, 3);
  expect(p.busy).toBe(false); // starts the probe
  // Hold the loop for 80 ms at a time, with a turn in between, the way a burst of requests does.
  for (let i = 0; i < 8; i++) {
    const until = Date.now() + 80;
    while (Date.now() < until);
    await new Promise((r) => setTimeout(r, 1));
  }
  expect(p.busy).toBe(true);
  await new Promise((r) => setTimeout(r, 100));
  expect(p.busy).toBe(false);
  p.stop();
});

test('a burst of requests between two probes is pressure at once, before any probe is late', () => {
  const p = new LoopPressure(20, 50, 3, 16);
  for (let i = 0; i < 16; i++) p.noteRequest();
  expect(p.busy).toBe(false);
  p.noteRequest(); // the 17th since the last probe
  expect(p.busy).toBe(true);
  p.observe(0); // on time, but the burst was since this probe's predecessor
  expect(p.busy).toBe(true);
  p.noteRequest();
  p.observe(0); // on time and quiet
  expect(p.busy).toBe(false);
  p.stop();
});

test('stopped (its bot is shutting down), it reads calm for good: late requests and reads do not start it again', () => {
  const p = new LoopPressure(20, 50, 3, 16);
  for (let i = 0; i < 17; i++) p.noteRequest();
  expect(p.busy).toBe(true);
  p.stop();
  expect(p.busy).toBe(false);
  for (let i = 0; i < 17; i++) p.noteRequest();
  expect(p.busy).toBe(false);
});

test('answers waiting for the database (the inbox) are pressure, though the loop is idle and every probe on time', () => {
  const p = new LoopPressure(20, 50, 3, 16);
  let waiting = 0;
  p.countWaiting(() => waiting);
  let calmed = 0;
  p.onCalm(() => calmed++);
  waiting = 16;
  p.noteRequest();
  p.observe(0);
  expect(p.busy).toBe(false); // a few answers waiting for one write: not a burst
  waiting = 40;
  p.noteRequest(); // a request read while 40 answers wait for their record: busy at once
  expect(p.busy).toBe(true);
  p.observe(0); // on time, few requests since the last probe, but still 40 waiting
  expect(p.busy).toBe(true);
  expect(calmed).toBe(0);
  waiting = 3;
  p.observe(0); // the records written: calm, and the work held back is told
  expect(p.busy).toBe(false);
  expect(calmed).toBe(1);
  p.stop();
});
