/**
 * Time to effect: from a request's send to what the person sees come of it, per kind, from Slack's side (the
 * emulator's records) and, for clicks, the app's own record of when their work was done (InboxRequest.finishedAt).
 *
 * - a slash command: its answer in the ack, on its response_url, or the modal opened with its trigger id;
 * - a check-in click: its work done (the check-in written, the outbox row for the pair queued) or a private
 *   note on its response_url ("already recorded", "Slack is busy"), whichever came first;
 * - app_home_opened: the person's Home published after it.
 *
 * "never" counts requests with no effect at all by the time the app was stopped; "told to retry" those whose
 * person was told privately to try again (a response_url post saying so).
 */
import type { RecordedCall } from '../../src/devtools/emulator/index.js';
import type { ResponseUrlPost } from '../../src/devtools/emulator/responseUrls.js';
import type { Kind, Sample } from './protocol.js';

export interface EffectRecords {
  calls: readonly RecordedCall[];
  posts: readonly ResponseUrlPost[];
  /** trigger id -> when the app finished the request's work (wall ms), for requests recorded in the inbox */
  finished: ReadonlyMap<string, number>;
  /** whether the app ran with its inbox (without it a click's work leaves no time behind) */
  inbox: boolean;
}

export interface KindEffects {
  kind: Kind;
  n: number;
  /** times to effect (ms), sorted */
  ms: number[];
  never: number;
  toldToRetry: number;
  /** clicks whose effect cannot be timed (without the inbox, unless a note was posted) */
  unknown: number;
}

const RETRY = /try again|run `?\/[^`]+`? again/i;

export function effectsByKind(samples: readonly Sample[], records: EffectRecords): KindEffects[] {
  const postsByUrl = new Map<string, ResponseUrlPost[]>();
  for (const p of records.posts) postsByUrl.set(p.url, [...(postsByUrl.get(p.url) ?? []), p]);
  const modalAt = new Map<string, number>();
  const publishes = new Map<string, number[]>();
  for (const c of records.calls) {
    if (c.status !== 200 || c.response.ok !== true) continue;
    if (c.method === 'views.open' && typeof c.params.trigger_id === 'string') modalAt.set(c.params.trigger_id, c.time);
    if (c.method === 'views.publish' && typeof c.params.user_id === 'string')
      publishes.set(c.params.user_id, [...(publishes.get(c.params.user_id) ?? []), c.time]);
  }
  const byKind = new Map<Kind, KindEffects>();
  // Each Home publish answers the earliest open before it that none answered yet.
  const homeOpens = samples.filter((s) => s.kind === 'app_home_opened').sort((a, b) => a.sentAt - b.sentAt);
  const publishUsed = new Map<string, number>();
  const effectOf = new Map<Sample, number | 'unknown' | undefined>();
  for (const s of homeOpens) {
    const times = publishes.get(s.userId) ?? [];
    let i = publishUsed.get(s.userId) ?? 0;
    while (i < times.length && times[i]! < s.sentAt) i++;
    effectOf.set(s, times[i]);
    if (i < times.length) publishUsed.set(s.userId, i + 1);
  }
  const retried = new Set<Sample>();
  for (const s of samples) {
    if (s.kind === 'app_home_opened') continue;
    const posts = s.responseUrl ? (postsByUrl.get(s.responseUrl) ?? []) : [];
    if (posts.some((p) => RETRY.test(p.text ?? ''))) retried.add(s);
    const candidates = posts.map((p) => p.time);
    if (s.answerBytes > 0) candidates.push(s.sentAt + s.ms);
    if (s.kind.startsWith('/')) {
      const modal = s.triggerId ? modalAt.get(s.triggerId) : undefined;
      if (modal !== undefined) candidates.push(modal);
    } else {
      const done = s.triggerId ? records.finished.get(s.triggerId) : undefined;
      if (done !== undefined) candidates.push(done);
    }
    const first = candidates.length ? Math.min(...candidates) : undefined;
    effectOf.set(s, first ?? (!s.kind.startsWith('/') && !records.inbox ? 'unknown' : undefined));
  }
  for (const s of samples) {
    const entry = byKind.get(s.kind) ?? { kind: s.kind, n: 0, ms: [], never: 0, toldToRetry: 0, unknown: 0 };
    entry.n++;
    const at = effectOf.get(s);
    if (at === 'unknown') entry.unknown++;
    else if (at === undefined) entry.never++;
    else entry.ms.push(Math.max(0, at - s.sentAt));
    if (retried.has(s)) entry.toldToRetry++;
    byKind.set(s.kind, entry);
  }
  for (const e of byKind.values()) e.ms.sort((a, b) => a - b);
  return [...byKind.values()];
}
