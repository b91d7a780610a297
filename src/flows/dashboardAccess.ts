// Who may use the web dashboard, and how they get in (docs/dashboard.md, "Sign-in" and "Security"): a one-time
// link sent privately in Slack, or "Sign in with Slack" (OpenID Connect); then a session of 8 hours. Tokens are
// random, stored only as their SHA-256, and used once by a compare-and-set, so any replica can serve any step.
import { createHash, randomBytes } from 'node:crypto';
import { done, refused, type Outcome } from '../core/outcome.js';
import { inTransaction } from '../store/database.js';
import {
  createLink,
  createSession,
  createSignIn,
  endSession,
  endSessionsOf,
  findLink,
  findLiveSession,
  pruneDashboardAccess,
  useLink,
  useSignIn,
} from '../store/dashboard.js';
import { signInRefusalText, type SignInRefusal } from '../messages/dashboard.js';
import { isCoordinator, type CoordinatorDeps } from './coordinators.js';

export const LINK_TTL_MS = 10 * 60_000;
export const SIGN_IN_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 8 * 3_600_000;
/** Ended or expired records are kept this long (for an operator's questions), then pruned. */
const KEEP_MS = 7 * 86_400_000;

/** Where a sign-in link points, under the bot's public address. */
export const signInLinkPath = (token: string): string => `/admin/signin/link/${token}`;

export const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

const refuse = <R extends SignInRefusal>(reason: R) => refused(reason, signInRefusalText(reason));

export interface NewSession {
  token: string;
  csrfToken: string;
  slackUserId: string;
  expiresAt: Date;
}

export interface Session {
  slackUserId: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A personal sign-in link's token for a coordinator: works once, for 10 minutes. */
export async function issueSignInLink(
  deps: CoordinatorDeps,
  slackUserId: string,
  now: Date,
): Promise<Outcome<{ token: string; expiresAt: Date }, 'not_coordinator'>> {
  if (!(await isCoordinator(deps, slackUserId))) return refuse('not_coordinator');
  await pruneDashboardAccess(deps.db, new Date(now.getTime() - KEEP_MS));
  const token = newToken();
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
  await createLink(deps.db, { tokenHash: tokenHash(token), slackUserId, createdAt: now, expiresAt });
  return done({ token, expiresAt });
}

/** Whether a link could sign in now (read only: opening the link's page does not use it). */
export async function checkSignInLink(
  deps: CoordinatorDeps,
  token: string,
  now: Date,
): Promise<Outcome<{ slackUserId: string }, 'invalid_link' | 'not_coordinator'>> {
  const link = await findLink(deps.db, tokenHash(token));
  if (!link || link.usedAt || link.expiresAt <= now) return refuse('invalid_link');
  if (!(await isCoordinator(deps, link.slackUserId))) return refuse('not_coordinator');
  return done({ slackUserId: link.slackUserId });
}

function sessionFor(slackUserId: string, now: Date) {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  return { token, csrfToken, slackUserId, expiresAt };
}

/** Uses a link (once) and starts a session for its coordinator. */
export async function signInWithLink(
  deps: CoordinatorDeps,
  token: string,
  now: Date,
): Promise<Outcome<NewSession, 'invalid_link' | 'not_coordinator'>> {
  const hash = tokenHash(token);
  const link = await findLink(deps.db, hash);
  if (!link) return refuse('invalid_link');
  if (!(await isCoordinator(deps, link.slackUserId))) return refuse('not_coordinator');
  const session = sessionFor(link.slackUserId, now);
  const used = await inTransaction(deps.db, async (tx) => {
    if (!(await useLink(tx, hash, now))) return false;
    await createSession(tx, {
      tokenHash: tokenHash(session.token),
      slackUserId: session.slackUserId,
      csrfToken: session.csrfToken,
      signedInVia: 'link',
      createdAt: now,
      expiresAt: session.expiresAt,
    });
    return true;
  });
  return used ? done(session) : refuse('invalid_link');
}

/** Starts a "Sign in with Slack" attempt for one browser: the state and nonce to send to Slack. */
export async function startOpenIdSignIn(
  deps: Pick<CoordinatorDeps, 'db'>,
  now: Date,
): Promise<{ state: string; nonce: string; browserToken: string }> {
  const state = newToken();
  const nonce = newToken();
  const browserToken = newToken();
  await createSignIn(deps.db, {
    stateHash: tokenHash(state),
    browserHash: tokenHash(browserToken),
    nonce,
    expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS),
  });
  return { state, nonce, browserToken };
}

/** The nonce of the attempt this callback answers, once, and only in the browser that started it. */
export async function claimOpenIdSignIn(
  deps: Pick<CoordinatorDeps, 'db'>,
  state: string,
  browserToken: string,
  now: Date,
): Promise<Outcome<{ nonce: string }, 'sign_in_failed'>> {
  const nonce = await useSignIn(deps.db, tokenHash(state), tokenHash(browserToken), now);
  return nonce ? done({ nonce }) : refuse('sign_in_failed');
}

/** A session for someone Slack vouched for (OpenID Connect), if they are a coordinator. */
export async function signInVerified(
  deps: CoordinatorDeps,
  slackUserId: string,
  now: Date,
): Promise<Outcome<NewSession, 'not_coordinator'>> {
  if (!(await isCoordinator(deps, slackUserId))) return refuse('not_coordinator');
  const session = sessionFor(slackUserId, now);
  await createSession(deps.db, {
    tokenHash: tokenHash(session.token),
    slackUserId,
    csrfToken: session.csrfToken,
    signedInVia: 'openid',
    createdAt: now,
    expiresAt: session.expiresAt,
  });
  return done(session);
}

/**
 * The session a request's cookie names, checked on every request: not ended, not expired, and its person
 * still a coordinator (when they are not any more, every session of theirs ends here).
 */
export async function currentSession(
  deps: CoordinatorDeps,
  token: string | undefined,
  now: Date,
): Promise<Outcome<Session, 'signed_out' | 'not_coordinator'>> {
  if (!token) return refuse('signed_out');
  const session = await findLiveSession(deps.db, tokenHash(token), now);
  if (!session) return refuse('signed_out');
  if (!(await isCoordinator(deps, session.slackUserId))) {
    await endSessionsOf(deps.db, session.slackUserId, now);
    return refuse('not_coordinator');
  }
  return done({ slackUserId: session.slackUserId, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
}

export async function signOut(deps: Pick<CoordinatorDeps, 'db'>, token: string, now: Date): Promise<void> {
  await endSession(deps.db, tokenHash(token), now);
}
