/**
 * The load generator: a process of its own (forked by bench/load/run.ts), playing Slack's side of the
 * HTTP protocol. It builds each request as Slack does (slash commands form-encoded; interactions as a
 * form field `payload` holding JSON; events as JSON), signs it (v0 HMAC-SHA256 of `v0:<ts>:<body>`) and
 * POSTs it to the app with `concurrency` requests in flight, timing each one to its HTTP response (the ack).
 * Trigger ids and response URLs come from the emulator in the app's process (over IPC), since the
 * emulator checks them when the app uses them; the time for that is not part of the measured latency.
 */
import { Agent, createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { actionFor, findElement } from '../../src/devtools/emulator/blockActions.js';
import type { JsonObject } from '../../src/devtools/emulator/json.js';
import { createPrng, pick } from '../../src/devtools/emulator/prng.js';
import { signSlackRequest } from '../../src/devtools/emulator/signing.js';
import type { Issued, IssueRequest, Kind, Pair, Results, Sample, Setup } from './protocol.js';

const FORM = 'application/x-www-form-urlencoded';

/** The share of each kind of request; a tenth of the button clicks are double clicks. */
const MIX: Array<[Kind, number]> = [
  ['/rm-join', 0.14],
  ['/rm-admin help', 0.08],
  ['/rm-report', 0.06],
  ['app_home_opened', 0.2],
  ['checkin_met', 0.16],
  ['checkin_skip', 0.1],
  ['checkin_scheduled', 0.26],
];
const DOUBLE_CLICK_SHARE = 0.1;
// LOAD_ONLY=<kind> (e.g. checkin_met, app_home_opened, "/rm-join"): every request of that one kind, to measure
// its CPU per request ('app CPU per request' in the output) apart from the others'.
const ONLY = process.env.LOAD_ONLY as Kind | undefined;
if (ONLY && !MIX.some(([k]) => k === ONLY)) throw new Error(`LOAD_ONLY: no kind ${ONLY}`);

interface Planned {
  kind: Kind;
  userId: string;
  pair?: Pair;
  /** the datetimepicker's choice (UNIX seconds): a day 1 to 20 days ahead, 14:00 UTC */
  dateTime?: number;
  double: boolean;
}

const send = (m: IssueRequest) => process.send?.(m);
const pending = new Map<number, (i: Issued) => void>();
let seq = 0;

/** What Slack attaches to a user's action: a fresh trigger id (3 s to use) and a response URL. */
function issue(userId: string, channelId: string, kind: Kind, messageTs?: string): Promise<Issued> {
  seq += 1;
  const id = seq;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    send({ type: 'issue', seq: id, userId, channelId, ...(messageTs ? { messageTs } : {}), kind });
  });
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function plan(setup: Setup): Planned[] {
  const random = createPrng(setup.seed);
  const chooseKind = (): Kind => {
    let r = random();
    if (ONLY) return ONLY;
    for (const [kind, share] of MIX) {
      if (r < share) return kind;
      r -= share;
    }
    return 'app_home_opened';
  };
  const everyone = [...setup.joiners, ...setup.pairs.flatMap((p) => [p.mentor, p.mentee])];
  const planned: Planned[] = [];
  let requests = 0;
  while (requests < setup.requests) {
    const kind = chooseKind();
    let item: Planned;
    if (kind === '/rm-join') item = { kind, userId: pick(random, setup.joiners), double: false };
    else if (kind === '/rm-admin help' || kind === '/rm-report') {
      // mostly coordinators; now and then someone who is not (they get "coordinators only")
      item = { kind, userId: random() < 0.8 ? pick(random, setup.coordinators) : pick(random, everyone), double: false };
    } else if (kind === 'app_home_opened') item = { kind, userId: pick(random, everyone), double: false };
    else {
      const pair = pick(random, setup.pairs);
      item = { kind, pair, userId: random() < 0.5 ? pair.mentor : pair.mentee, double: random() < DOUBLE_CLICK_SHARE };
      if (kind === 'checkin_scheduled')
        item.dateTime = Date.parse(`${addDays(setup.today, 1 + Math.floor(random() * 20))}T14:00:00Z`) / 1000;
    }
    planned.push(item);
    requests += item.double ? 2 : 1;
  }
  return planned;
}

interface Built {
  body: string;
  contentType: string;
  issued?: Issued;
}

async function build(setup: Setup, p: Planned, eventNumber: number, issuer: typeof issue = issue): Promise<Built> {
  const user = setup.users[p.userId];
  if (!user) throw new Error(`no user ${p.userId}`);
  const dm = setup.dms[p.userId] ?? '';
  if (p.kind === 'app_home_opened') {
    const now = Date.now();
    const envelope: JsonObject = {
      token: setup.verificationToken,
      team_id: setup.team.id,
      context_team_id: setup.team.id,
      context_enterprise_id: null,
      api_app_id: setup.team.appId,
      event: { type: 'app_home_opened', user: p.userId, channel: dm, tab: 'home', event_ts: (now / 1000).toFixed(6) },
      type: 'event_callback',
      event_id: `Ev0LOAD${process.env.LOAD_EVENT_TAG ?? ''}${String(eventNumber).padStart(8, '0')}`,
      event_time: Math.floor(now / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: setup.team.id,
          user_id: setup.team.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    };
    return { body: JSON.stringify(envelope), contentType: 'application/json' };
  }
  if (p.kind.startsWith('/')) {
    const [command = '', ...words] = p.kind.split(' ');
    const issued = await issuer(p.userId, dm, p.kind);
    const fields: Record<string, string> = {
      token: setup.verificationToken,
      team_id: setup.team.id,
      team_domain: setup.team.domain,
      channel_id: dm,
      channel_name: 'directmessage',
      user_id: p.userId,
      user_name: String(user.name),
      command,
      text: words.join(' '),
      api_app_id: setup.team.appId,
      is_enterprise_install: 'false',
      response_url: issued.responseUrl,
      trigger_id: issued.triggerId,
    };
    return { body: new URLSearchParams(fields).toString(), contentType: FORM, issued };
  }
  const pair = p.pair!;
  const messageTs = String(pair.message.ts);
  const issued = await issuer(p.userId, pair.channelId, p.kind, messageTs);
  const found = findElement(pair.message.blocks as JsonObject[], p.kind, undefined, `nudge ${messageTs}`);
  const { action, state } = actionFor(found, p.dateTime ? { selectedDateTime: p.dateTime } : {}, (Date.now() / 1000).toFixed(6));
  const payload: JsonObject = {
    type: 'block_actions',
    user,
    api_app_id: setup.team.appId,
    token: setup.verificationToken,
    container: { type: 'message', message_ts: messageTs, channel_id: pair.channelId, is_ephemeral: false },
    trigger_id: issued.triggerId,
    team: { id: setup.team.id, domain: setup.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: pair.channelId, name: 'mpdm' },
    message: pair.message,
    state: { values: state ? { [String(found.block.block_id)]: { [String(found.element.action_id)]: state } } : {} },
    response_url: issued.responseUrl,
    actions: [action],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM, issued };
}

function post(
  url: URL,
  agent: Agent,
  setup: Setup,
  built: Built,
): Promise<{ status: number; ms: number; started: number; answerBytes: number; newConnection: boolean; writtenMs: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'Content-Type': built.contentType,
    'Content-Length': String(Buffer.byteLength(built.body)),
    'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': signSlackRequest(setup.signingSecret, timestamp, built.body),
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Not a Slack header: lets the app's process see how long the request waited before it was read.
    (headers as Record<string, string>)['X-Load-Sent-At'] = String(performance.timeOrigin + started);
    let writtenMs = NaN;
    const req = request(url, { method: 'POST', agent, headers, timeout: 10_000 }, (res) => {
      let answerBytes = 0;
      res.on('data', (chunk: Buffer) => (answerBytes += chunk.length));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          started,
          answerBytes,
          newConnection: !req.reusedSocket,
          writtenMs,
        }),
      );
      res.on('error', reject);
    });
    req.on('finish', () => (writtenMs = performance.now() - started));
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(built.body);
  });
}

/**
 * Opens the connections before the clock starts (a health check on each, all at once), as Slack's (or a
 * load balancer's) would be: a connection opened in the middle of the burst waited 3 to 5 s for the
 * app to accept it, since a saturated event loop reads kept-alive sockets ahead of its listening one.
 * A fifth more than the concurrency covers the double clicks.
 */
async function openConnections(appUrl: URL, agent: Agent, count: number): Promise<void> {
  const health = new URL('/healthz', appUrl);
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const req = request(health, { agent }, (res) => {
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', reject);
          req.end();
        }),
    ),
  );
}

/**
 * The generator's own warm-up, before the clock starts: LOAD_GEN_WARM_UP (default 400; 0 = none) requests of the plan
 * built, signed and POSTed to a server of this process's own (made-up trigger ids; the app sees none of them).
 * Slack's side of a burst is warm; a fresh generator ran its first second's building, signing and reading of answers
 * unoptimised, and its own delays counted in the acks' latency: in the first second its answers were read 24 to 66 ms
 * after the app sent them (mean), against 10 to 22 ms later (`LOAD_TIMELINE`, PostgreSQL, 2026-12-07 19:07 to 19:55).
 */
async function warmUp(setup: Setup, planned: Planned[], count: number): Promise<void> {
  if (count <= 0 || planned.length === 0) return;
  const madeUp = async (): Promise<Issued> => ({
    type: 'issued',
    seq: 0,
    triggerId: 'warm-up',
    responseUrl: 'http://warm-up.invalid/',
  });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/slack/events`);
  const agent = new Agent({ keepAlive: true });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const p = planned[next++ % planned.length]!;
      await post(url, agent, setup, await build(setup, p, 0, madeUp));
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  agent.destroy();
  server.close();
}

/**
 * Starts the i-th action at i / rate seconds from now, without waiting for earlier answers; when `cap` are in
 * flight the next waits for one to finish (and is late: its latency counts from when it was really sent).
 */
async function openLoop(planned: Planned[], rate: number, cap: number, send: (p: Planned) => Promise<void>): Promise<void> {
  const t0 = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < planned.length; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight.size >= cap) await Promise.race(inFlight);
    const sending: Promise<void> = send(planned[i]!).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }
  await Promise.all(inFlight);
}

async function run(setup: Setup): Promise<Results> {
  const planned = plan(setup);
  const urls = setup.appUrls.map((u) => new URL(u));
  let turn = 0;
  // No maxSockets: the workers bound what is in flight. With maxSockets = concurrency, Node's agent destroys
  // a socket freed while the others are busy (free + active > maxSockets), so nearly every request opened
  // a new connection (3,315 of 4,000).
  await warmUp(setup, planned, Number(process.env.LOAD_GEN_WARM_UP ?? 400));
  const agent = new Agent({ keepAlive: true, maxFreeSockets: Infinity });
  for (const url of urls) await openConnections(url, agent, Math.ceil((setup.concurrency * 1.2) / urls.length));
  const samples: Sample[] = [];
  const transportErrors: string[] = [];
  let next = 0;
  let events = 0;
  const fire = async (p: Planned, built: Built, repeat: boolean) => {
    try {
      const url = urls[turn++ % urls.length]!;
      const { status, ms, started: sentAt, answerBytes, newConnection, writtenMs } = await post(url, agent, setup, built);
      samples.push({
        kind: p.kind,
        repeat,
        status,
        ms,
        at: sentAt - started,
        answerBytes,
        newConnection,
        writtenMs,
        userId: p.userId,
        sentAt: performance.timeOrigin + sentAt,
        ...(built.issued ? { triggerId: built.issued.triggerId, responseUrl: built.issued.responseUrl } : {}),
      });
    } catch (err) {
      transportErrors.push(`${p.kind}: ${(err as Error).message}`);
    }
  };
  const send = async (p: Planned) => {
    events += 1;
    const built = await build(setup, p, events);
    if (!p.double) return fire(p, built, false);
    // A double click: a second payload for the same button (its own action_ts and trigger), sent at once.
    const again = await build(setup, p, events);
    await Promise.all([fire(p, built, false), fire(p, again, true)]);
  };
  // Each worker keeps one request in flight (a double click: two at once).
  const worker = async () => {
    for (;;) {
      const p = planned[next++];
      if (!p) return;
      await send(p);
    }
  };
  const cpuAtStart = process.cpuUsage();
  const startedAt = Date.now();
  const started = performance.now();
  if (setup.rate) await openLoop(planned, setup.rate, setup.concurrency, send);
  else await Promise.all(Array.from({ length: setup.concurrency }, () => worker()));
  const wallMs = performance.now() - started;
  agent.destroy();
  const cpu = process.cpuUsage(cpuAtStart);
  return { type: 'results', startedAt, wallMs, samples, transportErrors, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.on('message', (m: Setup | Issued) => {
  if (m.type === 'issued') {
    pending.get(m.seq)?.(m);
    pending.delete(m.seq);
    return;
  }
  run(m).then(
    (results) => process.send?.(results, () => process.exit(0)),
    (err: unknown) => {
      console.error('load generator failed:', err);
      process.exit(1);
    },
  );
});
