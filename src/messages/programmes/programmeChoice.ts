// What a coordinator reads when a command does not say which programme it means: with several to choose from,
// one button per programme; the click runs the same command for that programme.
import { NO_PROGRAMMES_TEXT, type EphemeralReply } from '../common/commandReplies.js';
import { button, escapeText, labelled, section, type Block } from '../common/text.js';

export type ProgrammeChoiceRefusal = 'no_programmes' | 'unknown' | 'ambiguous';

export interface ProgrammeChoiceProblem {
  reason: ProgrammeChoiceRefusal;
  /** What the coordinator typed after the verb. */
  wanted: string;
  /** The programmes they may choose from. */
  names: string[];
  /** The `/rm-admin` verb, to show the command again. */
  verb: string;
}

export function programmeChoiceText(p: ProgrammeChoiceProblem): string {
  const list = p.names.map((n) => `*${escapeText(n)}*`).join(', ');
  switch (p.reason) {
    case 'no_programmes':
      return NO_PROGRAMMES_TEXT;
    case 'unknown':
      return list
        ? `I know no open programme called "${escapeText(p.wanted)}". Programmes: ${list}.`
        : `I know no open programme called "${escapeText(p.wanted)}" that you coordinate.`;
    case 'ambiguous':
      return `Which programme? \`/rm-admin ${escapeText(p.verb)} <name>\` with one of: ${list}.`;
  }
}

/** The action of every "choose this programme" button (each in its own block). */
export const PROGRAMME_CHOICE_ACTION = 'admin_programme_choice';

/** What a choice button carries: the command to run again, with the chosen programme (an id, or "all") appended. */
export interface ProgrammeChoiceValue {
  /** the `/rm-admin` words before the programme, e.g. ["coordinator", "add", "<@U123>"] */
  words: string[];
  /** a programme id, or "all" */
  programme: string;
}

/** Slack's limit on a button's value. */
const VALUE_MAX = 2000;
/** At most this many buttons (Slack allows 50 blocks in a message). */
export const CHOICE_MAX = 20;

/**
 * "Which programme?" with a button per programme (and one for every programme when `offerAll`), or only the
 * text when the command is too long to carry in a button.
 */
export function programmeChoiceReply(
  words: string[],
  choices: ReadonlyArray<{ id: string; name: string }>,
  offerAll = false,
): EphemeralReply {
  const verb = words.join(' ');
  const text = `Which programme should \`/rm-admin ${escapeText(verb)}\` be about? Or type \`/rm-admin ${escapeText(verb)} <programme>\`.`;
  const options = [
    ...choices.slice(0, CHOICE_MAX).map((c) => ({ programme: c.id, label: `*${escapeText(c.name)}*`, name: c.name })),
    ...(offerAll ? [{ programme: 'all', label: '*Every programme*', name: 'every programme' }] : []),
  ];
  const values = options.map((o) => JSON.stringify({ words, programme: o.programme } satisfies ProgrammeChoiceValue));
  if (values.some((v) => v.length > VALUE_MAX)) return { response_type: 'ephemeral', text, blocks: [section(text)] };
  const blocks: Block[] = [
    section(text),
    ...options.map((o, i) => ({
      ...section(o.label),
      block_id: `programme_choice_${i}`,
      accessory: labelled(button('Choose', PROGRAMME_CHOICE_ACTION, values[i]!), (n) => `Choose ${n}`, o.name),
    })),
  ];
  const more = choices.length - CHOICE_MAX;
  if (more > 0) blocks.push(section(`…and ${more} more: type the programme's name after the command.`));
  return { response_type: 'ephemeral', text, blocks };
}
