import { z } from 'zod';
import { withoutControlCharacters } from '../domain/inputs.js';
import { unescapeText } from '../messages/common/text.js';

// Every payload from Slack is parsed here before a listener acts on it.

const slackId = z.string().regex(/^[A-Z0-9]+$/);

/** A mention as Slack sends it in a command's text (with should_escape): `<@U…>` or `<@U…|name>`. */
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/;

/** The people mentioned in a command's text as Slack sends it. */
export function mentionsIn(textAsSent: string): string[] {
  return [...textAsSent.matchAll(new RegExp(MENTION, 'g'))].map((m) => m[1]!);
}

/** The person a word of a command names, when the word is a mention and nothing else. */
export function mentionedIn(word: string): string | undefined {
  const m = new RegExp(`^${MENTION.source}$`).exec(word);
  return m?.[1];
}

export const slashCommandSchema = z
  .object({
    command: z.string().startsWith('/'),
    text: z.string().default(''),
    user_id: slackId,
    team_id: slackId,
    channel_id: z.string().min(1),
    trigger_id: z.string().min(1),
    response_url: z.url(),
  })
  .transform((command) => ({
    ...command,
    // What follows the command, as typed: Slack sends `&`, `<` and `>` typed by the person as `&amp;`, `&lt;` and
    // `&gt;`, so "R&D" names the programme R&D; control characters (a NUL is a 500 on PostgreSQL) are dropped.
    text: withoutControlCharacters(unescapeText(command.text)),
    // Read before unescaping: a `<@U…>` the person typed as text arrives as `&lt;@U…&gt;` and mentions nobody.
    mentionedUserIds: mentionsIn(command.text),
  }));
export type SlashCommand = z.infer<typeof slashCommandSchema>;

export const appHomeOpenedSchema = z.object({
  type: z.literal('app_home_opened'),
  user: slackId,
  tab: z.string().optional(),
});

const nameField = z.string().optional().catch(undefined);

export const userChangeSchema = z.object({
  type: z.literal('user_change'),
  user: z.object({
    id: slackId,
    deleted: z.boolean().default(false),
    tz: z.string().optional(),
    // The names (src/domain/people.ts nameToShow): the handle, the full name, the display name (often empty). An
    // odd one is dropped rather than refused: it must not stop a departure.
    name: nameField,
    real_name: nameField,
    locale: z.string().optional().catch(undefined),
    profile: z.object({ title: z.string().optional(), real_name: nameField, display_name: nameField }).optional(),
  }),
});

export const eventEnvelopeSchema = z.object({
  event_id: z.string().min(1),
  event_time: z.number().optional(),
});

export const blockActionSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string().optional() })).min(1),
  container: z.object({ type: z.string(), view_id: z.string().optional() }).loose().optional(),
  view: z.object({ id: z.string(), type: z.string() }).loose().optional(),
});
export type BlockAction = z.infer<typeof blockActionSchema>;
