// Humane timing for messages that do not answer their receivers' own action (docs/delivery-times.md): each goes
// through the outbox with a not-before time in its receivers' working hours. The person who acted gets their
// reply at once; this is for everyone else (partners, coordinators, the people a coordinator's decision affects).
import { firstMomentForAll, firstWorkingMoment, pairNoticeDelivery } from '../domain/delivery.js';
import type { OutgoingMessage } from '../messages/outgoing.js';
import type { Db, Tx } from '../store/database.js';
import { receiverZones } from '../store/directory.js';

/** The people a message reaches: a DM's or group DM's users; none for a channel (its readers are many). */
export function receiversOf(m: Pick<OutgoingMessage, 'to'>): string[] {
  if ('users' in m.to) return m.to.users;
  return /^[UW][A-Z0-9]+$/.test(m.to.channel) ? [m.to.channel] : [];
}

/**
 * The message, held to its receivers' first acceptable moment at or after its planned time (its own not-before, or
 * `now`). `zoneOf` gives each receiver's zone; a message to a channel id is timed by `channelZones` (a pair's group
 * DM: the pair's zones, mentee first; a public channel: the programme's zone).
 */
export function asNotice(
  m: OutgoingMessage,
  now: Date,
  zoneOf: (slackUserId: string) => string,
  channelZones: string | readonly string[],
): OutgoingMessage {
  const planned = m.notBefore && m.notBefore > now ? m.notBefore : now;
  const people = receiversOf(m);
  const zones = people.length > 0 ? people.map(zoneOf) : typeof channelZones === 'string' ? [channelZones] : channelZones;
  const at = zones.length === 1 ? firstWorkingMoment(planned, zones[0]!) : firstMomentForAll(planned, zones);
  return at.getTime() === now.getTime() && !m.notBefore ? m : { ...m, notBefore: at };
}

/**
 * `asNotice` for several messages, with each receiver's zone read from the store (`fallback`: the programme's zone).
 * A message whose builder set its own time already (an introduction: its local times are those of its arrival) keeps it.
 */
export async function asNotices(
  db: Db | Tx,
  messages: OutgoingMessage[],
  now: Date,
  fallback: string,
): Promise<OutgoingMessage[]> {
  const zones = await receiverZones(db, messages.flatMap(receiversOf), fallback);
  return messages.map((m) => (m.notBefore ? m : asNotice(m, now, (u) => zones.get(u) ?? fallback, fallback)));
}

/**
 * Messages an action of `actor` caused: what reaches the actor alone answers them and goes at once; what reaches
 * anyone else (their partner in a private DM, or the pair's group DM, which the partner reads too) is a notice.
 */
export function afterActionBy(
  actor: string,
  messages: OutgoingMessage[],
  now: Date,
  zoneOf: (slackUserId: string) => string,
  channelZones: string | readonly string[],
): OutgoingMessage[] {
  return messages.map((m) => {
    const people = receiversOf(m);
    return people.length === 1 && people[0] === actor ? m : asNotice(m, now, zoneOf, channelZones);
  });
}

type Pair = { mentor: Zoned; mentee: Zoned };

/**
 * Messages an action caused (a member's, or a coordinator's), timed by the pair's own zones (its group DM: both, the
 * mentee's clock first). A pair that shares no working hour then (issue 17.4) cannot read its group DM in working
 * hours together: a notice for it goes to each member in their own DM at their own first working moment instead,
 * except to the member who acted (their answer came at once). Its key gets `:dm:<member>`.
 */
export function afterPairAction(p: Pair, actor: string, messages: OutgoingMessage[], now: Date): OutgoingMessage[] {
  const zones = new Map([
    [p.mentor.slackUserId, p.mentor.timezone],
    [p.mentee.slackUserId, p.mentee.timezone],
  ]);
  const zoneOf = (slackUserId: string): string => zones.get(slackUserId) ?? p.mentee.timezone;
  const pairZones = [p.mentee.timezone, p.mentor.timezone];
  return messages.flatMap((m) => {
    const [timed] = afterActionBy(actor, [m], now, zoneOf, pairZones);
    const people = receiversOf(m);
    if (!timed?.notBefore || people.length < 2) return timed ? [timed] : [];
    const planned = m.notBefore && m.notBefore > now ? m.notBefore : now;
    const d = pairNoticeDelivery(planned, { menteeZone: p.mentee.timezone, mentorZone: p.mentor.timezone });
    if (d.together) return [timed];
    return people
      .filter((u) => u !== actor)
      .map((u) => ({
        ...m,
        idempotencyKey: `${m.idempotencyKey}:dm:${u}`,
        to: { users: [u] },
        notBefore: u === p.mentor.slackUserId ? d.mentor : d.mentee,
      }));
  });
}

/** People whose zone a caller already holds (a pair's members, the partners a store step found). */
export interface Zoned {
  slackUserId: string;
  timezone: string;
}

/**
 * For notices worded inside a store transaction: the zones of the people known beforehand (the coordinators) are
 * read now; the people the transaction finds bring their own. Returns what holds a batch of messages as notices.
 */
export async function noticeTimer(db: Db | Tx, known: readonly string[], fallback: string) {
  const zones = await receiverZones(db, known, fallback);
  /** `actor`: the person whose action this is; what reaches them alone goes at once. */
  return (messages: OutgoingMessage[], now: Date, people: readonly Zoned[] = [], actor?: string): OutgoingMessage[] => {
    const own = new Map(people.map((p) => [p.slackUserId, p.timezone]));
    const zoneOf = (u: string) => own.get(u) ?? zones.get(u) ?? fallback;
    return actor === undefined
      ? messages.map((m) => asNotice(m, now, zoneOf, fallback))
      : afterActionBy(actor, messages, now, zoneOf, fallback);
  };
}
