import { selectInput } from '../../../../src/messages/common/inputs.js';
import {
  ACCESSIBILITY_LABEL_MAX,
  button,
  clipPlain,
  context,
  escapeText,
  fitText,
  labelled,
  section,
  unescapeText,
} from '../../../../src/messages/common/text.js';
import { homeView } from '../../../../src/messages/home.js';
import { changeLine } from '../../../../src/messages/programmes/programmeChanges.js';
import { homeParticipation } from '../homeParticipation.js';

describe('escapeText', () => {
  test("Slack's three characters, and nothing else", () => {
    expect(escapeText('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeText('*bold* _it_ ~s~ `code` "q" \' :tada: # @here https://x.example')).toBe(
      '*bold* _it_ ~s~ `code` "q" \' :tada: # @here https://x.example',
    );
    expect(escapeText('')).toBe('');
    expect(escapeText('Cohort 2027, Marketing & Sales')).toBe('Cohort 2027, Marketing &amp; Sales');
  });

  test('mentions, broadcasts, user groups and disguised links become text', () => {
    expect(escapeText('<!everyone>')).toBe('&lt;!everyone&gt;');
    expect(escapeText('<!here> <!channel>')).toBe('&lt;!here&gt; &lt;!channel&gt;');
    expect(escapeText('<!subteam^S0EVIL01>')).toBe('&lt;!subteam^S0EVIL01&gt;');
    expect(escapeText('<@U0EMU0001>')).toBe('&lt;@U0EMU0001&gt;');
    expect(escapeText('<#C123|general>')).toBe('&lt;#C123|general&gt;');
    expect(escapeText('<https://evil.example/login|Confirm your session>')).toBe(
      '&lt;https://evil.example/login|Confirm your session&gt;',
    );
    for (const s of ['<!everyone>', '<@U1>', '<https://e.example|x>']) expect(escapeText(s)).not.toMatch(/[<>]/);
  });

  test('an ampersand first, so what looks like an entity stays as typed', () => {
    expect(escapeText('&lt;!here&gt;')).toBe('&amp;lt;!here&amp;gt;');
    expect(escapeText('&&<<>>')).toBe('&amp;&amp;&lt;&lt;&gt;&gt;');
  });

  test('unescapeText gives back exactly what was typed (for plain-text inline errors)', () => {
    for (const s of ['<!here>', '&lt;!here&gt;', 'R&D <@U1> & <b>', '&amp;', '']) expect(unescapeText(escapeText(s))).toBe(s);
  });
});

describe('accessibility labels of repeated buttons', () => {
  test('the label names what the button acts on, shortened with … to fit 75 characters, never escaped', () => {
    const b = button('Full report', 'report_open', 'p1');
    expect(labelled(b, (n) => `Full report of ${n}`, 'Spring 2026 & <friends>')).toEqual({
      ...b,
      accessibility_label: 'Full report of Spring 2026 & <friends>',
    });
    const long = labelled(b, (n) => `Full report of ${n}`, 'A very long programme name '.repeat(5)).accessibility_label!;
    expect(long.length).toBeLessThanOrEqual(75);
    expect(long).toMatch(/^Full report of A very long programme name .*…$/);
    // of two names, the longer gives way first
    const pair = labelled(b, (a, c) => `Remove the pair ${a} and ${c}`, 'Ana', 'B'.repeat(100)).accessibility_label!;
    expect(pair).toMatch(/^Remove the pair Ana and B+…$/);
    expect(pair.length).toBeLessThanOrEqual(75);
  });
});

describe("a section's or context's text over Slack's 3,000 characters", () => {
  const textOf = (b: { text?: { text: string } }) => b.text!.text;

  test('is shortened with … to 3,000 characters; shorter text is left as it is', () => {
    expect(textOf(section('short & sweet'))).toBe('short & sweet');
    const long = textOf(section('word '.repeat(1000)));
    expect(long.length).toBeLessThanOrEqual(3000);
    expect(long).toMatch(/^(word )+word…$/);
    const ctx = context(`Objectives: ${escapeText('R&D '.repeat(1000))}`);
    const el = ctx.elements[0] as { text: string };
    expect(el.text.length).toBeLessThanOrEqual(3000);
    expect(el.text.endsWith('…')).toBe(true);
  });

  test('never cuts an escaped character, a mention or date token, or a surrogate pair in half', () => {
    // each case puts the 2,999th character (where "…" goes) inside the thing that must stay whole
    for (const pad of [2996, 2997, 2998]) {
      const t = textOf(section(`${'a'.repeat(pad)}${escapeText('&&&&')}`));
      expect(t).toMatch(/^a+(&amp;)*…$/);
    }
    for (const pad of [2990, 2995, 2998]) {
      const t = textOf(section(`${'a'.repeat(pad)}<@U0EMU0001> <!date^1767225600^{date}|1 Jan 2026> and more`));
      expect(t).toMatch(/^a+(<@U0EMU0001> )?…$/);
    }
    const emoji = textOf(section(`${'a'.repeat(2998)}😀😀`));
    expect(emoji).toBe(`${'a'.repeat(2998)}…`);
    expect(emoji.length).toBeLessThanOrEqual(3000);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(emoji)).toBe(false);
  });
});

describe('plain text shortened to a Slack limit never splits a character made of a surrogate pair (an emoji)', () => {
  /** A lone half of a surrogate pair: JSON carries it as "\ud83d", which is not a character at all. */
  const broken = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

  test('accessibility labels of names full of emoji', () => {
    const b = button('Edit profile', 'home_edit_profile', 'p1');
    for (const name of ['🚀'.repeat(40), `a${'🚀'.repeat(40)}`, `Spring 2026 ${'🌱'.repeat(30)}`]) {
      const label = labelled(b, (n) => `Edit your profile in ${n}`, name).accessibility_label!;
      expect(label.length).toBeLessThanOrEqual(ACCESSIBILITY_LABEL_MAX);
      expect(label.endsWith('…')).toBe(true);
      expect(broken(label)).toBe(false);
    }
  });

  test("a select's option text (75 characters)", () => {
    for (const label of [`ab${'🚀'.repeat(40)}`, `a${'🚀'.repeat(40)}`]) {
      const block = selectInput('topic', 'Topic', [{ value: 'v', label }], { initial: 'v' });
      const el = block.element as { options: { text: { text: string } }[]; initial_option: { text: { text: string } } };
      const text = el.options[0]!.text.text;
      expect(text.length).toBeLessThanOrEqual(75);
      expect(broken(text)).toBe(false);
      expect(el.initial_option).toEqual(el.options[0]);
    }
  });

  test('clipPlain', () => {
    expect(clipPlain('short', 75)).toBe('short');
    expect(clipPlain('x'.repeat(80), 75)).toBe(`${'x'.repeat(74)}…`);
    expect(clipPlain(`${'x'.repeat(73)}😀😀`, 75)).toBe(`${'x'.repeat(73)}…`);
  });

  test('at the limit nothing changes; one over, the result keeps to it; a limit under 2 gives at most "…"', () => {
    for (const cut of [fitText, clipPlain]) {
      expect(cut('x'.repeat(3000), 3000)).toBe('x'.repeat(3000));
      expect(cut('x'.repeat(3001), 3000)).toBe(`${'x'.repeat(2999)}…`);
      expect(cut('abc', 1)).toBe('…');
      expect(cut('abc', 0)).toBe('');
    }
  });

  test("one's own feedback on App Home and a changed value in a programme's recent changes keep emoji whole", () => {
    const feedback = { kind: 'checkin', on: '2026-04-06', rating: 4, progress: null, recommendScore: null, topics: [] };
    const home = homeView({
      isCoordinator: true,
      openProgrammes: 0,
      participations: [homeParticipation({ feedback: [{ ...feedback, text: `${'x'.repeat(138)}😀😀😀` }] })],
      programmes: [],
    });
    const ownFeedback = (home.blocks as { text?: { text: string } }[])
      .map((b) => b.text?.text ?? '')
      .find((t) => t.includes('Your feedback'));
    expect(ownFeedback).toContain('xxx…');
    expect(broken(ownFeedback!)).toBe(false);
    const line = changeLine(
      { field: 'objectives', before: 'Old', after: `${'x'.repeat(58)}😀😀😀`, changedBySlackId: 'U1', changedAt: new Date(0) },
      'Europe/London',
    );
    expect(line).toContain('xxx…');
    expect(broken(line)).toBe(false);
  });
});
