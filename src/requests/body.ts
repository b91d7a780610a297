import { parse as parseQuery } from 'node:querystring';

export type SlackBody = Record<string, unknown>;

export interface ParsedBody {
  body: SlackBody;
  /**
   * The JSON text the body was parsed from, which the durable inbox keeps as it is (writing the parsed body out again
   * was 2.5 % of the ack path's CPU in a burst, bench/load's window profile); a slash command's form fields, written
   * out (a few hundred bytes).
   */
  json: string;
}

/**
 * A Slack request body, parsed once: slash commands are form fields; interactions are a form field
 * `payload` holding JSON; events (and url_verification) are JSON. Throws on anything else, and on a body
 * that says neither what kind of payload it is (`type`) nor which command (`command`).
 */
export function parseSlackBody(raw: string, contentType: string | undefined): ParsedBody {
  const { parsed, json } = contentType?.startsWith('application/x-www-form-urlencoded')
    ? fromForm(raw)
    : { parsed: JSON.parse(raw) as unknown, json: raw };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the body is not an object');
  const body = parsed as SlackBody;
  // Every payload Slack sends names its kind: interactions and events by `type`, slash commands by `command`.
  if (typeof body.type !== 'string' && typeof body.command !== 'string') throw new Error('the body names no kind of payload');
  return { body, json: json ?? JSON.stringify(body) };
}

const PAYLOAD_FIELD = 'payload=';

function fromForm(raw: string): { parsed: unknown; json?: string } {
  const alone = payloadAlone(raw);
  if (alone !== undefined) return { parsed: JSON.parse(alone), json: alone };
  const fields = parseQuery(raw);
  const { payload } = fields;
  if (typeof payload === 'string') return { parsed: JSON.parse(payload), json: payload };
  return { parsed: { ...fields } };
}

/**
 * An interaction's body is its one field `payload`: decoded natively, at a third of `querystring`'s cost for a click's
 * 4 to 12 kB (it was most of the body's parse in a burst, bench/load). Undefined when the body is anything else, or
 * not well encoded (`querystring` then reads it as leniently as before).
 */
function payloadAlone(raw: string): string | undefined {
  if (!raw.startsWith(PAYLOAD_FIELD) || raw.includes('&')) return undefined;
  try {
    return decodeURIComponent(raw.slice(PAYLOAD_FIELD.length).replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/** The type of the event inside an Events API envelope, if the body is one. */
export function eventTypeOf(body: SlackBody): string | undefined {
  const event = body.event as { type?: unknown } | undefined;
  return typeof event?.type === 'string' ? event.type : undefined;
}
