import type { ListenerDeps } from './deps.js';
import { programmesToMatch } from '../../../flows/matching/index.js';
import { ephemeral, noProgrammesReply, type EphemeralReply } from '../../../messages/common/commandReplies.js';

/** Which programme a coordinator command means: named (by id or name) in its text, or the only one not closed. */
export async function pickProgramme(deps: ListenerDeps, args: string[], verb: string): Promise<{ id: string; name: string } | { reply: EphemeralReply }> {
  const all = await programmesToMatch(deps.db);
  if (all.length === 0) return { reply: noProgrammesReply() };
  const wanted = args.join(' ').trim().toLowerCase();
  if (wanted) {
    const found = all.find((p) => p.id.toLowerCase() === wanted || p.name.toLowerCase() === wanted);
    return found ?? { reply: ephemeral(`I know no open programme called "${args.join(' ')}". Programmes: ${all.map((p) => `*${p.name}*`).join(', ')}.`) };
  }
  if (all.length > 1) return { reply: ephemeral(`Which programme? \`/rm-admin ${verb} <name>\` with one of: ${all.map((p) => `*${p.name}*`).join(', ')}.`) };
  return all[0]!;
}
