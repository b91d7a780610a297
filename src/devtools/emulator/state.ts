import { ConversationStore } from './conversations.js';
import { SlackApiError } from './errors.js';
import { FileStore } from './fileStore.js';
import { IdFactory } from './ids.js';
import { ResponseUrlStore } from './responseUrls.js';
import type { Workspace } from './team.js';
import { TriggerStore } from './triggers.js';
import type { EmulatedUser } from './user.js';
import { ViewStore } from './viewStore.js';

/** Everything the Web API methods read and change; owned by one SlackEmulator. */
export class EmulatorState {
  readonly ids: IdFactory;
  readonly conversations: ConversationStore;
  readonly views: ViewStore;
  readonly triggers: TriggerStore;
  readonly responseUrls: ResponseUrlStore;
  readonly files: FileStore;
  private readonly usersById = new Map<string, EmulatedUser>();

  constructor(
    readonly workspace: Workspace,
    readonly now: () => number,
    readonly baseUrl: () => string,
    /** Issues a Socket Mode URL for apps.connections.open. */
    readonly socketUrl: () => string,
  ) {
    for (const user of workspace.users) this.usersById.set(user.id, user);
    this.ids = new IdFactory(now);
    this.conversations = new ConversationStore(workspace, () => Math.floor(now() / 1000));
    this.views = new ViewStore(workspace, this.ids, now);
    const teamNumber = String(parseInt(workspace.teamId.slice(1), 36) % 1e11);
    this.triggers = new TriggerStore(now, teamNumber);
    this.responseUrls = new ResponseUrlStore(baseUrl, workspace, this.conversations, this.ids, now);
    this.files = new FileStore(workspace, this.ids, now, baseUrl);
  }

  user(id: string): EmulatedUser | undefined {
    return this.usersById.get(id);
  }

  requireUser(id: string | undefined): EmulatedUser {
    const user = id === undefined ? undefined : this.usersById.get(id);
    if (!user) throw new SlackApiError('user_not_found');
    return user;
  }

  addUser(user: EmulatedUser): void {
    const index = this.workspace.users.findIndex((u) => u.id === user.id);
    if (index === -1) this.workspace.users.push(user);
    else this.workspace.users[index] = user;
    this.usersById.set(user.id, user);
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}
