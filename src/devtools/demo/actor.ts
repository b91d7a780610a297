// How the demo's people use Slack: slash commands, buttons and modals, through the emulator's signed requests.
import type { Answers, DriverResponse, JsonObject, SlackView } from '../emulator/index.js';
import type { DemoWorld } from './world.js';
import type { Observer, Delivered } from './observer.js';
import { whenFor, type Transcript } from './transcript.js';
import { findAction } from './blockText.js';

export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`demo: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Block ids of a modal's input blocks. */
export function inputBlockIds(view: SlackView): Set<string> {
  return new Set(view.blocks.filter((b) => b.type === 'input').map((b) => String(b.block_id)));
}

/** Option values offered by the input block `blockId` (to choose only what the modal offers). */
export function optionsOf(view: SlackView, blockId: string): string[] {
  const block = view.blocks.find((b) => b.block_id === blockId);
  const element = block && isObject(block.element) ? block.element : undefined;
  const options = element && Array.isArray(element.options) ? element.options.filter(isObject) : [];
  return options.map((o) => String(o.value));
}

export class Actor {
  /** Who did something, and when (on the simulated clock): what the app's replies may answer at once. */
  readonly acts: Array<{ userId: string; at: Date }> = [];

  constructor(
    private readonly world: DemoWorld,
    private readonly observer: Observer,
    private readonly transcript: Transcript,
    /** A short line as each phase starts (the console's progress). */
    readonly progress: (line: string) => void,
  ) {}

  nameOf = (userId: string): string => this.observer.nameOf(userId);
  zoneOf = (userId: string): string => this.observer.zoneOf(userId);

  /** A line in the transcript for something a person did, at their local time. */
  note(userId: string, what: string, lines: string[] = []): void {
    const now = this.world.clock.now();
    this.acts.push({ userId, at: now });
    // What arrived before this action comes first in the transcript.
    this.observer.collect(now);
    this.transcript.add({ at: now, when: whenFor(now, [this.zoneOf(userId)]), head: `${this.nameOf(userId)} ${what}`, lines });
  }

  /** A line about the scenario itself (a step skipped, a phase). */
  aside(text: string): void {
    const now = this.world.clock.now();
    this.observer.collect(now);
    this.transcript.add({ at: now, when: whenFor(now, ['UTC']), head: `· ${text}`, lines: [] });
  }

  /**
   * Waits until the app has finished every request and listener, then delivers the outbox until nothing is
   * due; repeats while a pass sent something (a delivery never causes more work, but a listener may still
   * be enqueueing). Then records what arrived.
   */
  async settle(): Promise<Delivered[]> {
    for (let round = 0; ; round++) {
      if (!(await this.world.bot.idle(15_000))) throw new Error('demo: the app is still busy after 15 s');
      const report = await this.world.bot.outbox.deliverDue();
      if (report.sent + report.failed + report.retried === 0) break;
      if (round > 200) throw new Error('demo: the outbox never drained');
    }
    this.observer.collect(this.world.clock.now());
    return this.observer.take();
  }

  async command(userId: string, command: string, text = ''): Promise<DriverResponse> {
    this.note(userId, `types ${command}${text ? ` ${text}` : ''}`);
    const res = await this.world.driver.slashCommand({ userId, command, text });
    if (res.status !== 200) throw new Error(`demo: ${command} ${text} answered HTTP ${res.status}`);
    return res;
  }

  /** The modal with that callback id once the app has opened it for the user. */
  async modal(userId: string, callbackId: string, ready: (v: SlackView) => boolean = () => true): Promise<SlackView> {
    const emulator = this.world.emulator;
    // The app opens it from the listener that runs on after the ack: when the app is idle, it is there.
    await this.world.bot.idle(10_000);
    return waitFor(() => {
      const v = emulator.lastViewFor(userId);
      return v && v.callback_id === callbackId && emulator.isViewOpen(v.id) && ready(v) ? v : undefined;
    }, `modal ${callbackId} for ${userId}`);
  }

  /**
   * Fills and submits a modal, answering only the blocks it has. Returns the inline errors the app
   * answered with, if any (the modal then stays open).
   */
  async submit(userId: string, view: SlackView, answers: Answers, label: string): Promise<Record<string, string> | undefined> {
    const present = inputBlockIds(view);
    const given = Object.fromEntries(Object.entries(answers).filter(([k]) => present.has(k)));
    this.note(userId, `submits ${label}`);
    const res = await this.world.driver.fillAndSubmitModal({ userId, viewId: view.id, answers: given });
    if (res.status !== 200) throw new Error(`demo: submitting ${view.callback_id} answered HTTP ${res.status}`);
    const json = res.json;
    if (json && json.response_action === 'errors' && isObject(json.errors)) {
      const errors = Object.fromEntries(Object.entries(json.errors).map(([k, v]) => [k, String(v)]));
      this.note(userId, `is told: ${Object.values(errors).join(' ')}`);
      return errors;
    }
    return undefined;
  }

  /** Clicks a button (or picks an option) in a message the user can see. */
  async click(
    userId: string,
    message: Delivered,
    actionId: string,
    selection: { selectedOption?: string; selectedDate?: string } = {},
  ): Promise<DriverResponse> {
    const found = findAction(message.blocks, actionId);
    const label = String(
      (found?.element.text as { text?: string } | undefined)?.text ??
        (found?.element.placeholder as { text?: string } | undefined)?.text ??
        actionId,
    );
    this.note(
      userId,
      `clicks [${label}]${selection.selectedOption ? ` → ${selection.selectedOption}` : ''}${selection.selectedDate ? ` → ${selection.selectedDate}` : ''}`,
    );
    const res = await this.world.driver.blockAction({
      userId,
      actionId,
      ...(found?.blockId ? { blockId: found.blockId } : {}),
      ...selection,
      container: {
        type: 'message',
        channelId: message.channelId,
        messageTs: message.ts,
        ...(message.kind === 'ephemeral' ? { isEphemeral: true } : {}),
      },
    });
    if (res.status !== 200) throw new Error(`demo: ${actionId} answered HTTP ${res.status}`);
    return res;
  }

  /** Clicks a button in a modal (the coordinator's preview). */
  async press(userId: string, view: SlackView, actionId: string, label: string, blockId?: string): Promise<void> {
    this.note(userId, `clicks [${label}]`);
    const res = await this.world.driver.blockAction({
      userId,
      actionId,
      container: { type: 'view', viewId: view.id },
      ...(blockId ? { blockId } : {}),
    });
    if (res.status !== 200) throw new Error(`demo: ${actionId} answered HTTP ${res.status}`);
  }
}
