// What every dashboard route gets: the request, how to answer, the dependencies, and (signed in) the viewer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { AppLogger } from '../logger.js';
import type { Db } from '../store/database.js';
import type { Answer } from './http/respond.js';
import type { Viewer } from './pages/layout.js';
import type { OpenIdClient } from './signIn/openid.js';

export interface DashboardDeps {
  db: Db;
  config: Pick<Config, 'coordinators'>;
  logger: AppLogger;
  clock: Clock;
  /** where browsers reach the bot: PUBLIC_URL, or http://localhost:<port> (no trailing slash) */
  publicUrl: () => string;
  /** the Slack workspace the bot is installed in (auth.test): "Sign in with Slack" must be for it */
  teamId?: () => Promise<string | undefined>;
  /** "Sign in with Slack", when a client id and secret are configured */
  openId?: OpenIdClient;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** the route pattern's captures, decoded */
  params: string[];
  answer: Answer;
  deps: DashboardDeps;
  now: Date;
  cookies: Map<string, string>;
  /** signed-in routes only */
  viewer: Viewer;
  /** POST routes only: the form's fields */
  form: URLSearchParams;
}

export type RouteHandler = (ctx: Ctx) => Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** public: no session needed (sign-in pages, the stylesheet) */
  access: 'public' | 'signed_in';
  handler: RouteHandler;
}
