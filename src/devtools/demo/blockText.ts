// Block Kit as the plain text a reader of the transcript needs: what the message says and which buttons it has.
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string => (isObject(v) && typeof v.text === 'string' ? v.text : '');

/** Slack's markup for mentions, channels and links, and its three HTML escapes, as a person sees them. */
export function plainMrkdwn(text: string, nameOf: (userId: string) => string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => `@${nameOf(id)}`)
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)[^>]*>/g, '@$1')
    .replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function elementLabel(e: Json): string | undefined {
  switch (e.type) {
    case 'button':
      return `[${textOf(e.text)}]`;
    case 'datepicker':
    case 'static_select':
    case 'multi_static_select':
    case 'users_select':
    case 'overflow':
      return `[${textOf(e.placeholder) || 'choose'} ▾]`;
    default:
      return undefined;
  }
}

/** One line per block; buttons and pickers as [Label]. */
export function blocksToLines(blocks: unknown[], nameOf: (userId: string) => string): string[] {
  const lines: string[] = [];
  const plain = (t: string) => plainMrkdwn(t, nameOf);
  for (const block of blocks.filter(isObject)) {
    switch (block.type) {
      case 'header':
        lines.push(plain(textOf(block.text)).toUpperCase());
        break;
      case 'section': {
        const text = plain(textOf(block.text));
        if (text) lines.push(...text.split('\n'));
        if (Array.isArray(block.fields)) lines.push(block.fields.map((f) => plain(textOf(f))).join(' | '));
        const accessory = isObject(block.accessory) ? elementLabel(block.accessory) : undefined;
        if (accessory) lines.push(accessory);
        break;
      }
      case 'context':
        if (Array.isArray(block.elements))
          lines.push(
            block.elements
              .filter(isObject)
              .map((e) => plain(textOf(e)))
              .filter(Boolean)
              .join(' · '),
          );
        break;
      case 'actions':
        if (Array.isArray(block.elements))
          lines.push(block.elements.filter(isObject).map(elementLabel).filter(Boolean).join(' '));
        break;
      case 'image':
        lines.push(`[image: ${String(block.alt_text ?? '')}]`);
        break;
      case 'input':
        lines.push(`${textOf(block.label)}: ____`);
        break;
      default:
        break;
    }
  }
  return lines.map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
}

/** The text of a message as shown: its blocks when it has any, else its text. */
export function messageLines(message: { text?: unknown; blocks?: unknown }, nameOf: (userId: string) => string): string[] {
  const blocks = Array.isArray(message.blocks) ? blocksToLines(message.blocks, nameOf) : [];
  if (blocks.length > 0) return blocks;
  return plainMrkdwn(String(message.text ?? ''), nameOf)
    .split('\n')
    .filter((l) => l.trim() !== '');
}

/** Action ids of every interactive element in the blocks (where the demo finds the buttons to press). */
export function actionIdsIn(blocks: unknown): string[] {
  const ids: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      if (typeof v.action_id === 'string') ids.push(v.action_id);
      Object.values(v).forEach(visit);
    }
  };
  visit(blocks);
  return ids;
}

/** The first element with that action id, with the block it sits in. */
export function findAction(blocks: unknown, actionId: string): { blockId?: string; element: Json } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks.filter(isObject)) {
    const elements = [
      ...(Array.isArray(block.elements) ? block.elements : []),
      ...(isObject(block.accessory) ? [block.accessory] : []),
    ].filter(isObject);
    const element = elements.find((e) => e.action_id === actionId);
    if (element) return { ...(typeof block.block_id === 'string' ? { blockId: block.block_id } : {}), element };
  }
  return undefined;
}
