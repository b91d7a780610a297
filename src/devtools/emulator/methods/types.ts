import type { JsonObject } from '../json.js';
import type { EmulatorState } from '../state.js';

export type MethodHandler = (params: JsonObject, state: EmulatorState) => JsonObject;

export interface MethodSpec {
  handler: MethodHandler;
  /** Which token the method accepts: bot (xoxb) or app-level (xapp). */
  token: 'bot' | 'app';
}
