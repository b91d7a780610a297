// What a coordinator reads when a command does not say which programme it means.
import { NO_PROGRAMMES_TEXT } from '../common/commandReplies.js';
import { escapeText } from '../common/text.js';

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
      return `I know no open programme called "${escapeText(p.wanted)}". Programmes: ${list}.`;
    case 'ambiguous':
      return `Which programme? \`/rm-admin ${escapeText(p.verb)} <name>\` with one of: ${list}.`;
  }
}
