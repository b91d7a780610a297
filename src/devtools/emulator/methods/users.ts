import { SlackApiError } from '../errors.js';
import { flag, int, str, type JsonObject } from '../json.js';
import type { EmulatorState } from '../state.js';
import { userAt } from '../user.js';
import type { MethodSpec } from './types.js';

const MAX_PAGE = 1000;

/** Slack gives a user's `locale` only to a caller that asks with `include_locale=true`. */
function shown(user: JsonObject, params: JsonObject): JsonObject {
  if (flag(params, 'include_locale')) return user;
  const { locale: _locale, ...rest } = user;
  return rest;
}

function info(params: JsonObject, state: EmulatorState): JsonObject {
  const user = state.requireUser(str(params, 'user'));
  return { ok: true, user: shown(userAt(user, new Date(state.now())) as unknown as JsonObject, params) };
}

function lookupByEmail(params: JsonObject, state: EmulatorState): JsonObject {
  const email = (str(params, 'email') ?? '').toLowerCase();
  const user = state.workspace.users.find((u) => u.profile.email?.toLowerCase() === email);
  if (!user) throw new SlackApiError('users_not_found');
  return { ok: true, user: shown(userAt(user, new Date(state.now())) as unknown as JsonObject, params) };
}

/** Cursors look like Slack's: base64 of "user:<id>" for the first user of the next page. */
function list(params: JsonObject, state: EmulatorState): JsonObject {
  const users = state.workspace.users;
  const limit = int(params, 'limit');
  // No limit (or 0): everything in one page, as Slack does for small workspaces.
  const size = limit === undefined || limit <= 0 ? users.length : Math.min(limit, MAX_PAGE);
  const cursor = str(params, 'cursor');
  let start = 0;
  if (cursor) {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    start = decoded.startsWith('user:') ? users.findIndex((u) => u.id === decoded.slice('user:'.length)) : -1;
    if (start === -1) throw new SlackApiError('invalid_cursor');
  }
  const at = new Date(state.now());
  const page = users.slice(start, start + size).map((u) => shown(userAt(u, at) as unknown as JsonObject, params));
  const next = users[start + size];
  return {
    ok: true,
    members: page,
    cache_ts: state.nowSeconds(),
    response_metadata: { next_cursor: next ? Buffer.from(`user:${next.id}`).toString('base64') : '' },
  };
}

export const userMethods: Record<string, MethodSpec> = {
  'users.info': { token: 'bot', handler: info },
  'users.list': { token: 'bot', handler: list },
  'users.lookupByEmail': { token: 'bot', handler: lookupByEmail },
};
