import { idList, str, type JsonObject } from './json.js';

/** FaultSpec.method for the app's POSTs to a response_url (only `delayMs`, `status`, `error` and `times` apply). */
export const RESPONSE_URL_FAULT = 'response_url';

export interface FaultSpec {
  /** Web API method, '*' for every method, or RESPONSE_URL_FAULT for response_url POSTs. */
  method: string;
  /** Only calls about this user: user, user_id or users, or a channel that is a DM / group DM with them. */
  userId?: string;
  /** Only calls about this channel (channel or channel_id). */
  channel?: string;
  /** Answer HTTP 200 `{ ok: false, error }`. */
  error?: string;
  /** With `error`: Slack's explanation, `response_metadata.messages` (as views.open's "invalid `trigger_id`"). */
  messages?: string[];
  /** Answer this HTTP status (500, 503, 429 ...). */
  status?: number;
  /** Seconds for Retry-After when status is 429 (default 1). */
  retryAfter?: number;
  /** Wait before answering (alone: a slow but successful call). */
  delayMs?: number;
  /** How many matching calls are affected (default: all until cleared). */
  times?: number;
}

export interface Fault extends FaultSpec {
  /** Calls this fault has affected so far. */
  hits: number;
}

export class FaultInjector {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  /** The first live fault matching the call, counted as used. */
  take(method: string, params: JsonObject, channelMembers: readonly string[] = []): Fault | undefined {
    const fault = this.faults.find((f) => this.live(f) && this.matches(f, method, params, channelMembers));
    if (fault) fault.hits += 1;
    return fault;
  }

  private live(fault: Fault): boolean {
    return fault.times === undefined || fault.hits < fault.times;
  }

  private matches(fault: Fault, method: string, params: JsonObject, channelMembers: readonly string[]): boolean {
    if (fault.method !== method && (fault.method !== '*' || method === RESPONSE_URL_FAULT)) return false;
    if (fault.userId !== undefined) {
      const users = [str(params, 'user'), str(params, 'user_id'), ...idList(params, 'users'), ...channelMembers];
      if (!users.includes(fault.userId)) return false;
    }
    if (fault.channel !== undefined) {
      if (str(params, 'channel') !== fault.channel && str(params, 'channel_id') !== fault.channel) return false;
    }
    return true;
  }
}
