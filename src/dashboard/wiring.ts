// How src/runtime.ts makes the dashboard: its dependencies, and "Sign in with Slack" when configured.
import type { Config } from '../config.js';
import { createDashboard, type Dashboard, type DashboardDeps } from './app.js';
import { OpenIdClient, slackOpenIdSettings } from './signIn/openid.js';

export function dashboardFor(
  config: Pick<Config, 'coordinators' | 'openId' | 'slackApiUrl' | 'slackTimeoutMs' | 'publicUrl'>,
  deps: Omit<DashboardDeps, 'config' | 'openId' | 'teamId'> & { teamId: () => Promise<string | undefined> },
): Dashboard {
  let team: Promise<string | undefined> | undefined;
  const teamId = () => {
    // Asked once (auth.test); a failure is not remembered.
    team ??= deps.teamId().catch(() => {
      team = undefined;
      return undefined;
    });
    return team;
  };
  const openId = config.openId
    ? new OpenIdClient(
        slackOpenIdSettings({
          clientId: config.openId.clientId,
          clientSecret: config.openId.clientSecret,
          baseUrl: config.openId.baseUrl,
          apiUrl: config.slackApiUrl,
          timeoutMs: config.slackTimeoutMs,
        }),
      )
    : undefined;
  if (!config.publicUrl)
    deps.logger.info('PUBLIC_URL is not set: dashboard sign-in links point at http://localhost:<port> (docs/dashboard.md)');
  return createDashboard({ ...deps, config, teamId, ...(openId ? { openId } : {}) });
}
