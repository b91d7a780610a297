import { invalidArguments, SlackApiError } from './errors.js';
import { randomHex } from './ids.js';

/** fixtures/block_kit_limits.json: trigger_id_ttl_seconds. */
export const TRIGGER_TTL_MS = 3000;
const FORMAT = /^\d+\.\d+\.[0-9a-f]+$/;

interface Trigger {
  userId: string;
  issuedAt: number;
  exchanged: boolean;
}

export class TriggerStore {
  private readonly triggers = new Map<string, Trigger>();
  private counter = 0;

  constructor(
    private readonly now: () => number,
    private readonly teamNumber: string,
  ) {}

  issue(userId: string): string {
    this.counter += 1;
    const id = `${Math.floor(this.now() / 1000)}${String(this.counter).padStart(3, '0')}.${this.teamNumber}.${randomHex(16)}`;
    this.triggers.set(id, { userId, issuedAt: this.now(), exchanged: false });
    return id;
  }

  /**
   * Spends a trigger for views.open / views.push and returns whose it is. Errors follow the method reference:
   * malformed -> invalid_arguments (fixture error_examples), unknown -> invalid_trigger_id,
   * used -> exchanged_trigger_id, older than 3 s -> expired_trigger_id.
   */
  exchange(triggerId: string | undefined): string {
    if (triggerId === undefined || !FORMAT.test(triggerId)) throw invalidArguments(['invalid `trigger_id`']);
    const trigger = this.triggers.get(triggerId);
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    if (trigger.exchanged) throw new SlackApiError('exchanged_trigger_id');
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) throw new SlackApiError('expired_trigger_id');
    trigger.exchanged = true;
    return trigger.userId;
  }
}
