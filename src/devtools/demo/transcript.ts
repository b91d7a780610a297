// The demo's transcript: what people did and what they received, at their local time, in order.

export interface TranscriptEntry {
  at: Date;
  /** Order among entries at the same instant (what someone did comes before what it caused). */
  seq: number;
  /** "Tue 10 Mar 10:00 (Europe/London)" or both zones of a group DM. */
  when: string;
  /** "Zoe Park clicks [We met]", "→ DM Zoe Park", "→ Group DM Zoe Park + Amara Obi", "→ #general". */
  head: string;
  /** The message rendered as text (empty for actions). */
  lines: string[];
  /** What the brief transcript shows of it (default: the first line and the buttons). */
  summary?: string;
  /** Left out of the brief transcript (modals people fill, messages edited in place). */
  minor?: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

function localParts(at: Date, zone: string): { day: string; time: string } {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.weekday} ${parts.day} ${parts.month}`, time: `${parts.hour}:${parts.minute}` };
}

/** "Tue 10 Mar 10:00" in that zone. */
export function localStamp(at: Date, zone: string): string {
  const { day, time } = localParts(at, zone);
  return `${day} ${time}`;
}

/** The time in each receiver's zone: "Tue 10 Mar 10:00 (Europe/London)", or "... / 15:30 (Asia/Kolkata)" for the others. */
export function whenFor(at: Date, zones: string[]): string {
  const distinct = [...new Set(zones)];
  if (distinct.length === 0) return `${localStamp(at, 'UTC')} (UTC)`;
  const [first, ...rest] = distinct as [string, ...string[]];
  const head = localParts(at, first);
  const others = rest.map((z) => {
    const { day, time } = localParts(at, z);
    // the same day needs only the time
    return `${day === head.day ? time : `${day} ${time}`} (${z})`;
  });
  return [`${head.day} ${head.time} (${first})`, ...others].join(' / ');
}

export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  private seq = 0;

  add(entry: Omit<TranscriptEntry, 'seq'>): void {
    this.entries.push({ ...entry, seq: this.seq++ });
  }

  sorted(): TranscriptEntry[] {
    return [...this.entries].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  }

  /** One line per entry: the first line of each message, shortened. */
  brief(width = 160): string[] {
    return this.sorted()
      .filter((e) => !e.minor)
      .map((e) => {
        const first = e.summary ?? e.lines[0] ?? '';
        const buttons = e.summary ? '' : e.lines.filter((l) => l.startsWith('[')).join(' ');
        const body =
          first && !first.startsWith('[') ? `: ${first}${buttons ? `  ${buttons}` : ''}` : buttons ? `: ${buttons}` : '';
        const line = `${e.when} ${e.head}${body}`;
        const room = e.summary ? width + 80 : width;
        return line.length > room ? `${line.slice(0, room - 1)}…` : line;
      });
  }

  /** Every entry with the whole message, indented. */
  full(): string {
    return this.sorted()
      .map((e) => [`${e.when} ${e.head}`, ...e.lines.map((l) => `    ${l}`)].join('\n'))
      .join('\n');
  }
}
