import { assignCohort, compileCohort, mentorCapacity } from '../../src/domain/matching/index.js';
import { matchingThreads } from '../../src/threads/matchingThreads.js';
import { syntheticCohort } from './synthetic.js';

const n = Number(process.argv[2] ?? 2000);
const mode = process.argv[3] ?? 'both';
const input = syntheticCohort({ mentors: n, mentees: n, seed: 1, doubleCapacityShare: 0 });
const c = compileCohort(input.mentors, input.mentees, input);
const capacity = Int32Array.from(input.mentors, (m) => mentorCapacity(m));
const threads = matchingThreads();
const time = (label: string, f: () => ReturnType<typeof assignCohort>) => {
  const cpu = process.cpuUsage();
  const t = performance.now();
  let at = t;
  const steps: string[] = [];
  const r = f();
  const used = process.cpuUsage(cpu);
  console.log(label, Math.round(performance.now() - t), 'ms wall', Math.round((used.user + used.system) / 1000), 'ms cpu', r.exact, r.rounds);
  return r;
};
const step = (s: string, d: string) => {};
let a, b;
if (mode !== 'threads') a = time('single', () => assignCohort(c, capacity, { solver: 'auto', certify: 'auto' }));
if (mode !== 'single') b = time('threads', () => assignCohort(c, capacity, { solver: 'auto', certify: 'auto', threads }));
if (mode !== 'single') time('threads warm', () => assignCohort(c, capacity, { solver: 'auto', certify: 'auto', threads }));
if (a && b) console.log('same', a.mentorForMentee.every((m, e) => m === b.mentorForMentee[e]), a.candidatePairs, b.candidatePairs);
console.log('usable', threads.usable, 'workerChunks', threads.workerChunks, 'rss', Math.round(process.resourceUsage().maxRSS / 1024), 'MB');
void threads.close();
