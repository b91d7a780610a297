import { LIMITS, withGeneratedIds } from './blockKit.js';
import { SlackApiError } from './errors.js';
import { randomHex, type IdFactory } from './ids.js';
import { clone, isObject, type JsonObject } from './json.js';
import type { Workspace } from './team.js';

export type StateValues = Record<string, Record<string, JsonObject>>;

/** A view as Slack returns it from views.open / views.publish and sends it in interaction payloads. */
export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  state: { values: StateValues };
  hash: string;
  title?: JsonObject | null;
  clear_on_close: boolean;
  notify_on_close: boolean;
  close: JsonObject | null;
  submit: JsonObject | null;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  external_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

interface ViewRecord {
  view: SlackView;
  userId: string;
  open: boolean;
  errors?: Record<string, string>;
}

export class ViewStore {
  private readonly records = new Map<string, ViewRecord>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();
  private readonly lastModal = new Map<string, string>();

  constructor(
    private readonly workspace: Workspace,
    private readonly ids: IdFactory,
    private readonly now: () => number,
  ) {}

  get(viewId: string): SlackView | undefined {
    const record = this.records.get(viewId);
    return record ? clone(record.view) : undefined;
  }

  ownerOf(viewId: string): string | undefined {
    return this.records.get(viewId)?.userId;
  }

  isOpen(viewId: string): boolean {
    return this.records.get(viewId)?.open ?? false;
  }

  errorsOf(viewId: string): Record<string, string> | undefined {
    return this.records.get(viewId)?.errors;
  }

  stackOf(userId: string): SlackView[] {
    return (this.stacks.get(userId) ?? []).flatMap((id) => this.get(id) ?? []);
  }

  lastModalOf(userId: string): SlackView | undefined {
    const id = this.lastModal.get(userId);
    return id === undefined ? undefined : this.get(id);
  }

  homeOf(userId: string): SlackView | undefined {
    const id = this.homes.get(userId);
    return id === undefined ? undefined : this.get(id);
  }

  /** views.open: a new modal stack for the user (an open one is replaced). */
  open(userId: string, input: JsonObject): SlackView {
    this.checkExternalId(input, undefined);
    this.clear(userId);
    const id = this.ids.next('V', 10);
    const view = this.build(input, id, null, id);
    this.records.set(id, { view, userId, open: true });
    this.stacks.set(userId, [id]);
    this.lastModal.set(userId, id);
    return clone(view);
  }

  push(userId: string, input: JsonObject): SlackView {
    const stack = this.stacks.get(userId) ?? [];
    const top = stack[stack.length - 1];
    const root = stack[0];
    if (top === undefined || root === undefined) throw new SlackApiError('not_found');
    if (stack.length >= LIMITS.viewStack) throw new SlackApiError('push_limit_reached');
    this.checkExternalId(input, undefined);
    const id = this.ids.next('V', 10);
    const view = this.build(input, id, top, root);
    this.records.set(id, { view, userId, open: true });
    stack.push(id);
    this.lastModal.set(userId, id);
    return clone(view);
  }

  update(target: { viewId?: string; externalId?: string }, input: JsonObject, hash: string | undefined): SlackView {
    const record = this.find(target);
    if (!record || !record.open) throw new SlackApiError('not_found');
    if (hash !== undefined && hash !== record.view.hash) throw new SlackApiError('hash_conflict');
    this.checkExternalId(input, record.view.id);
    const old = record.view;
    const view = this.build(input, old.id, old.previous_view_id, old.root_view_id);
    view.state = { values: this.keptState(old.state.values, view.blocks) };
    record.view = view;
    record.errors = undefined;
    if (view.type === 'modal') this.lastModal.set(record.userId, view.id);
    return clone(view);
  }

  publish(userId: string, input: JsonObject, hash: string | undefined): SlackView {
    const existingId = this.homes.get(userId);
    const existing = existingId === undefined ? undefined : this.records.get(existingId);
    if (existing && hash !== undefined && hash !== existing.view.hash) throw new SlackApiError('hash_conflict');
    this.checkExternalId(input, existingId);
    const id = existingId ?? this.ids.next('V', 10);
    const view = this.build(input, id, null, id);
    if (existing) view.state = { values: this.keptState(existing.view.state.values, view.blocks) };
    this.records.set(id, { view, userId, open: true });
    this.homes.set(userId, id);
    return clone(view);
  }

  /** What the user typed or picked so far (the Slack client keeps it; the driver reports it). */
  setState(viewId: string, values: StateValues): void {
    const record = this.records.get(viewId);
    if (record) record.view.state = { values: clone(values) };
  }

  setErrors(viewId: string, errors: Record<string, string>): void {
    const record = this.records.get(viewId);
    if (record) record.errors = { ...errors };
  }

  /** Closes one modal view (empty ack to a submission, or the user pressed Close). */
  close(viewId: string): void {
    const record = this.records.get(viewId);
    if (!record || record.view.type !== 'modal') return;
    const stack = this.stacks.get(record.userId) ?? [];
    const index = stack.indexOf(viewId);
    if (index === -1) return;
    for (const id of stack.splice(index)) {
      const r = this.records.get(id);
      if (r) r.open = false;
    }
  }

  /** Closes the user's whole modal stack. */
  clear(userId: string): void {
    for (const id of this.stacks.get(userId) ?? []) {
      const record = this.records.get(id);
      if (record) record.open = false;
    }
    this.stacks.set(userId, []);
  }

  /** Replaces the current view in place (response_action: update). */
  replace(viewId: string, input: JsonObject): SlackView {
    return this.update({ viewId }, input, undefined);
  }

  private find(target: { viewId?: string; externalId?: string }): ViewRecord | undefined {
    if (target.viewId) return this.records.get(target.viewId);
    if (target.externalId) {
      return [...this.records.values()].find((r) => r.open && r.view.external_id === target.externalId);
    }
    return undefined;
  }

  private checkExternalId(input: JsonObject, selfId: string | undefined): void {
    const externalId = input.external_id;
    if (typeof externalId !== 'string' || externalId === '') return;
    const clash = [...this.records.values()].some((r) => r.open && r.view.external_id === externalId && r.view.id !== selfId);
    if (clash) throw new SlackApiError('duplicate_external_id');
  }

  private keptState(values: StateValues, blocks: JsonObject[]): StateValues {
    const blockIds = new Set(blocks.map((b) => b.block_id));
    return Object.fromEntries(Object.entries(values).filter(([blockId]) => blockIds.has(blockId)));
  }

  private build(input: JsonObject, id: string, previous: string | null, root: string): SlackView {
    const type = input.type === 'home' ? 'home' : 'modal';
    const blocks = Array.isArray(input.blocks) ? withGeneratedIds(clone(input.blocks) as unknown[], id) : [];
    const text = (value: unknown): JsonObject | null => (isObject(value) ? clone(value) : null);
    const view: SlackView = {
      id,
      team_id: this.workspace.teamId,
      type,
      blocks,
      private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
      callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
      state: { values: {} },
      hash: `${Math.floor(this.now() / 1000)}.${randomHex(4)}`,
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      close: text(input.close),
      submit: text(input.submit),
      previous_view_id: previous,
      root_view_id: root,
      app_id: this.workspace.appId,
      external_id: typeof input.external_id === 'string' ? input.external_id : '',
      app_installed_team_id: this.workspace.teamId,
      bot_id: this.workspace.botId,
    };
    if (type === 'modal' || input.title !== undefined) view.title = text(input.title);
    return view;
  }
}
