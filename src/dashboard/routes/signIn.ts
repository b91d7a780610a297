// Signing in and out (docs/dashboard.md, "Sign-in"): the one-time link from Slack, "Sign in with Slack", sign-out.
import { z } from 'zod';
import {
  checkSignInLink,
  claimOpenIdSignIn,
  signInVerified,
  signInWithLink,
  signOut,
  startOpenIdSignIn,
  type NewSession,
} from '../../flows/dashboardAccess.js';
import { signInRefusalText, type SignInRefusal } from '../../messages/dashboard.js';
import type { Ctx, Route } from '../context.js';
import { redirect, sendHtml } from '../http/respond.js';
import { BASE } from '../pages/layout.js';
import { confirmLinkPage, refusedPage, signInPage } from '../pages/signIn.js';
import {
  clearSessionCookie,
  clearSignInCookie,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  sessionCookie,
  signInCookie,
} from '../session.js';
import { authorizeLocation, OpenIdError } from '../signIn/openid.js';

const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
const NOTICES: Record<string, SignInRefusal> = { signed_out: 'signed_out', not_coordinator: 'not_coordinator' };

const redirectUri = (ctx: Ctx) => `${ctx.deps.publicUrl()}${BASE}/signin/slack/callback`;

function refuse(ctx: Ctx, reason: SignInRefusal, status = 403): void {
  sendHtml(ctx.answer, status, refusedPage('You are not signed in', signInRefusalText(reason)));
}

function startSession(ctx: Ctx, session: NewSession): void {
  ctx.answer.cookies = [
    ...(ctx.answer.cookies ?? []),
    sessionCookie(session.token, session.expiresAt, ctx.now, ctx.answer.https),
  ];
  redirect(ctx.answer, `${BASE}/programmes`);
}

async function showSignIn(ctx: Ctx): Promise<void> {
  const why = ctx.url.searchParams.get('why') ?? '';
  const reason = NOTICES[why];
  const notice = ctx.url.searchParams.has('bye')
    ? ({ kind: 'done', text: 'You are signed out.' } as const)
    : reason
      ? ({ kind: 'warn', text: signInRefusalText(reason) } as const)
      : undefined;
  sendHtml(ctx.answer, 200, signInPage({ openId: ctx.deps.openId !== undefined, ...(notice ? { notice } : {}) }));
}

async function showLink(ctx: Ctx): Promise<void> {
  const parsed = token.safeParse(ctx.params[0]);
  if (!parsed.success) return refuse(ctx, 'invalid_link', 404);
  const link = await checkSignInLink(ctx.deps, parsed.data, ctx.now);
  if (!link.ok) return refuse(ctx, link.reason);
  sendHtml(ctx.answer, 200, confirmLinkPage({ token: parsed.data, slackUserId: link.value.slackUserId }));
}

async function useLink(ctx: Ctx): Promise<void> {
  const parsed = token.safeParse(ctx.form.get('token'));
  if (!parsed.success) return refuse(ctx, 'invalid_link');
  const session = await signInWithLink(ctx.deps, parsed.data, ctx.now);
  if (!session.ok) return refuse(ctx, session.reason);
  startSession(ctx, session.value);
}

async function startSlackSignIn(ctx: Ctx): Promise<void> {
  const openId = ctx.deps.openId;
  if (!openId) return refuse(ctx, 'sign_in_failed', 404);
  const attempt = await startOpenIdSignIn(ctx.deps, ctx.now);
  const team = await ctx.deps.teamId?.().catch(() => undefined);
  ctx.answer.cookies = [signInCookie(attempt.browserToken, ctx.answer.https)];
  redirect(
    ctx.answer,
    authorizeLocation(openId.settings, { state: attempt.state, nonce: attempt.nonce, redirectUri: redirectUri(ctx), team }),
  );
}

const callbackQuery = z.object({ code: z.string().min(1).max(500), state: token });

async function finishSlackSignIn(ctx: Ctx): Promise<void> {
  const openId = ctx.deps.openId;
  if (!openId) return refuse(ctx, 'sign_in_failed', 404);
  ctx.answer.cookies = [clearSignInCookie(ctx.answer.https)];
  const query = callbackQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  const browser = ctx.cookies.get(SIGN_IN_COOKIE);
  if (!query.success || !browser) return refuse(ctx, 'sign_in_failed');
  const attempt = await claimOpenIdSignIn(ctx.deps, query.data.state, browser, ctx.now);
  if (!attempt.ok) return refuse(ctx, 'sign_in_failed');
  let identity;
  try {
    identity = await openId.identify(query.data.code, redirectUri(ctx), attempt.value.nonce, ctx.now);
  } catch (err) {
    // The reason names the check that failed, never a code or a token.
    ctx.deps.logger.warn(
      `dashboard: Sign in with Slack failed: ${err instanceof OpenIdError ? err.message : 'token endpoint unreachable'}`,
    );
    return refuse(ctx, 'sign_in_failed');
  }
  const team = await ctx.deps.teamId?.().catch(() => undefined);
  if (team && identity.teamId !== team) return refuse(ctx, 'wrong_workspace');
  const session = await signInVerified(ctx.deps, identity.slackUserId, ctx.now);
  if (!session.ok) return refuse(ctx, session.reason);
  startSession(ctx, session.value);
}

async function signOutNow(ctx: Ctx): Promise<void> {
  const cookie = ctx.cookies.get(SESSION_COOKIE);
  if (cookie) await signOut(ctx.deps, cookie, ctx.now);
  ctx.answer.cookies = [clearSessionCookie(ctx.answer.https)];
  redirect(ctx.answer, `${BASE}/signin?bye=1`);
}

export const signInRoutes: Route[] = [
  { method: 'GET', pattern: /^\/admin\/signin$/, access: 'public', handler: showSignIn },
  { method: 'GET', pattern: /^\/admin\/signin\/link\/([^/]+)$/, access: 'public', handler: showLink },
  { method: 'POST', pattern: /^\/admin\/signin\/link$/, access: 'public', handler: useLink },
  { method: 'GET', pattern: /^\/admin\/signin\/slack$/, access: 'public', handler: startSlackSignIn },
  { method: 'GET', pattern: /^\/admin\/signin\/slack\/callback$/, access: 'public', handler: finishSlackSignIn },
  { method: 'POST', pattern: /^\/admin\/signout$/, access: 'signed_in', handler: signOutNow },
];
