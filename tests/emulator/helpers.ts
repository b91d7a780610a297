import { readFileSync } from 'node:fs';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackEmulator } from '../../src/devtools/emulator/index.js';

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** WebClient against the emulator; no retries so errors surface at once. */
export function webClient(emu: SlackEmulator, options: WebClientOptions = {}, token = emu.botToken): WebClient {
  return new WebClient(token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, ...options });
}

/** A hand-moved clock for the emulator's `now`. */
export class FakeClock {
  constructor(public ms: number) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** The Slack error code of a rejected Web API call. */
export async function slackError(call: Promise<unknown>): Promise<{ error: string; data: Record<string, unknown> }> {
  try {
    await call;
  } catch (e) {
    const data = (e as { data?: Record<string, unknown> }).data ?? {};
    return { error: String(data.error ?? (e as Error).message), data };
  }
  throw new Error('expected the call to fail');
}
