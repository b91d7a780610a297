import { DEFAULT_TOPICS } from '../../src/domain/topics.js';
import type { DriverResponse } from '../../src/devtools/emulator/index.js';
import type { Conversation } from '../../src/devtools/emulator/conversations.js';
import type { SlackView } from '../../src/devtools/emulator/viewStore.js';
import type { Db } from '../../src/store/database.js';
import { sentRow } from './checkInFlows.js';
import { eventually } from './eventually.js';
import type { Harness } from './harness.js';
import { openedModal } from './programmeFlows.js';

export async function seedTopics(db: Db, programmeId: string): Promise<void> {
  await db.programmeTopic.createMany({
    data: DEFAULT_TOPICS.map((t, position) => ({ programmeId, key: t.key, label: t.label, direction: t.direction, position })),
  });
}

export const feedbackCount = (db: Db) => Promise.all([db.feedback.count(), db.feedbackTopic.count()]);

/** Clicks a button of a message the outbox delivered (found by its idempotency key). */
export async function clickIn(h: Harness, userId: string, idempotencyKey: string, actionId: string): Promise<DriverResponse> {
  const row = await sentRow(h, idempotencyKey);
  const res = await h.driver.blockAction({
    userId,
    actionId,
    container: { type: 'message', channelId: row.channelId, messageTs: row.messageTs },
  });
  if (res.status !== 200) throw new Error(`click answered ${res.status}`);
  return res;
}

/** Clicks the button and waits for the modal it opens. */
export async function openFrom(
  h: Harness,
  userId: string,
  idempotencyKey: string,
  actionId: string,
  callbackId: string,
): Promise<SlackView> {
  const before = h.emulator.lastViewFor(userId)?.id;
  await clickIn(h, userId, idempotencyKey, actionId);
  return eventually(
    async () => {
      const v = await openedModal(h, userId, callbackId);
      return v.id !== before ? v : undefined;
    },
    5000,
    `${callbackId} opened for ${userId}`,
  );
}

/** The same interactive payload with a forged change (a tampered button value or modal metadata). */
export function forged(h: Harness, payload: DriverResponse['payload'], change: (p: Record<string, unknown>) => void) {
  const copy = structuredClone(payload) as Record<string, unknown>;
  // A forged request is a new request: it carries a trigger id of its own (a replayed one is ignored outright).
  copy.trigger_id = `forged.${Math.random().toString(36).slice(2)}`;
  change(copy);
  return h.driver.raw({
    body: new URLSearchParams({ payload: JSON.stringify(copy) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
}

/** An ephemeral answer through the response_url of that click. */
export function ephemeralAnswer(h: Harness, res: DriverResponse): Promise<string> {
  return eventually(
    () => {
      const post = h.emulator.responseUrlPosts({ via: 'response_url' }).find((p) => p.url === res.responseUrl);
      return post ? String(post.text ?? '') : undefined;
    },
    5000,
    'ephemeral answer',
  );
}

interface EmulatorInternals {
  state: {
    conversations: { all(): Conversation[] };
    views: { records: Map<string, { view: SlackView; userId: string }> };
  };
}

/**
 * Everything the emulator holds that this person could ever see: every message in every conversation they
 * are a member of, ephemerals shown to them, every modal and App Home published to them, response_url
 * answers to them. (Reads the emulator's state directly: Slack has no API for "all a user can see".)
 */
export function everythingShownTo(h: Harness, userId: string): string {
  const state = (h.emulator as unknown as EmulatorInternals).state;
  const conversations = state.conversations.all().filter((c) => c.members.includes(userId));
  const seen = [
    ...conversations.flatMap((c) => c.messages),
    ...conversations.flatMap((c) => c.ephemerals.filter((e) => e.user === userId)),
    ...[...state.views.records.values()].filter((r) => r.userId === userId).map((r) => r.view),
    ...h.emulator.responseUrlPosts({ userId }),
  ];
  return JSON.stringify(seen);
}
