// The dashboard's sign-in records on both databases: links and OpenID attempts are used once (a compare-and-set
// that two replicas cannot both win), expire, and are stored only as hashes; sessions end.
import {
  checkSignInLink,
  claimOpenIdSignIn,
  currentSession,
  issueSignInLink,
  LINK_TTL_MS,
  SESSION_TTL_MS,
  signInWithLink,
  signOut,
  startOpenIdSignIn,
  tokenHash,
} from '../../src/flows/dashboardAccess.js';
import type { Database } from '../../src/store/database.js';
import { testDatabaseKinds } from '../support/databases.js';
import { useScratchDatabase } from '../support/storeDatabase.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const MARGARET = 'U0EMU0005';
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe.each(testDatabaseKinds())('dashboard sign-in store on %s', (kind) => {
  const scratch = useScratchDatabase(kind);
  let db: Database;
  const deps = () => ({ db: db.client, config: { coordinators: [MARGARET] } });
  beforeAll(() => (db = scratch.db));

  test('a link is issued to coordinators only and stored as its hash', async () => {
    expect((await issueSignInLink(deps(), 'U0STRANGER', NOW)).ok).toBe(false);
    const link = await issueSignInLink(deps(), MARGARET, NOW);
    if (!link.ok) throw new Error(link.message);
    expect(link.value.expiresAt).toEqual(later(LINK_TTL_MS));
    const stored = await db.client.dashboardLink.findMany();
    expect(stored.map((l) => l.tokenHash)).toEqual([tokenHash(link.value.token)]);
    expect(JSON.stringify(stored)).not.toContain(link.value.token);
  });

  test('a link works once, even when two replicas use it at the same moment', async () => {
    const link = await issueSignInLink(deps(), MARGARET, NOW);
    if (!link.ok) throw new Error(link.message);
    // PostgreSQL: from two replicas' pools; SQLite has one writer process (a second pool would block its own loop).
    const second = kind === 'postgres' ? (await scratch.openAnother({ migrate: false })).client : db.client;
    const [a, b] = await Promise.all([
      signInWithLink(deps(), link.value.token, NOW),
      signInWithLink({ db: second, config: { coordinators: [MARGARET] } }, link.value.token, NOW),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const session = a.ok ? a.value : b.ok ? b.value : undefined;
    expect(session?.expiresAt).toEqual(later(SESSION_TTL_MS));
    expect((await checkSignInLink(deps(), link.value.token, NOW)).ok).toBe(false);
    expect(await db.client.dashboardSession.count({ where: { tokenHash: tokenHash(session!.token) } })).toBe(1);
  });

  test('a link expires after 10 minutes; an unknown token is nobody’s', async () => {
    const link = await issueSignInLink(deps(), MARGARET, NOW);
    if (!link.ok) throw new Error(link.message);
    expect((await checkSignInLink(deps(), link.value.token, later(LINK_TTL_MS - 1000))).ok).toBe(true);
    const late = await signInWithLink(deps(), link.value.token, later(LINK_TTL_MS));
    expect(late).toMatchObject({ ok: false, reason: 'invalid_link' });
    expect((await signInWithLink(deps(), 'made-up-token-made-up-token-made-up-tok', NOW)).ok).toBe(false);
  });

  test('a session lasts 8 hours, ends at sign-out, and ends when its person is no longer a coordinator', async () => {
    const link = await issueSignInLink(deps(), MARGARET, NOW);
    if (!link.ok) throw new Error(link.message);
    const session = await signInWithLink(deps(), link.value.token, NOW);
    if (!session.ok) throw new Error(session.message);
    const token = session.value.token;
    expect(await currentSession(deps(), token, later(SESSION_TTL_MS - 1000))).toMatchObject({
      ok: true,
      value: { slackUserId: MARGARET },
    });
    expect(await currentSession(deps(), token, later(SESSION_TTL_MS))).toMatchObject({ ok: false, reason: 'signed_out' });
    const removed = await currentSession({ db: db.client, config: { coordinators: [] } }, token, NOW);
    expect(removed).toMatchObject({ ok: false, reason: 'not_coordinator' });
    expect(await currentSession(deps(), token, NOW)).toMatchObject({ ok: false, reason: 'signed_out' }); // ended for good

    const again = await issueSignInLink(deps(), MARGARET, NOW);
    if (!again.ok) throw new Error(again.message);
    const second = await signInWithLink(deps(), again.value.token, NOW);
    if (!second.ok) throw new Error(second.message);
    await signOut(deps(), second.value.token, NOW);
    expect((await currentSession(deps(), second.value.token, NOW)).ok).toBe(false);
  });

  test('an OpenID sign-in attempt is claimed once, by the browser that started it, before it expires', async () => {
    const attempt = await startOpenIdSignIn(deps(), NOW);
    expect(await claimOpenIdSignIn(deps(), attempt.state, 'another-browser', NOW)).toMatchObject({ ok: false });
    expect(await claimOpenIdSignIn(deps(), attempt.state, attempt.browserToken, NOW)).toEqual({
      ok: true,
      value: { nonce: attempt.nonce },
    });
    expect((await claimOpenIdSignIn(deps(), attempt.state, attempt.browserToken, NOW)).ok).toBe(false);
    const old = await startOpenIdSignIn(deps(), NOW);
    expect((await claimOpenIdSignIn(deps(), old.state, old.browserToken, later(LINK_TTL_MS + 1))).ok).toBe(false);
    const stored = JSON.stringify(await db.client.dashboardSignIn.findMany());
    expect(stored).not.toContain(attempt.state);
    expect(stored).not.toContain(attempt.browserToken);
  });
});
