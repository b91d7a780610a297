// Requests shaped like Slack's (a button click, a slash command, an event), signed, for the request path's warm-up
// (warmUp.ts). Their ids are fresh each time and name the warm-up; what they ask for exists nowhere.
import { createHmac, randomUUID } from 'node:crypto';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

const FORM = 'application/x-www-form-urlencoded';

function sign(signingSecret: string, body: string, contentType: string, nowSeconds: number): SignedRequest {
  const signature = createHmac('sha256', signingSecret).update(`v0:${nowSeconds}:${body}`).digest('hex');
  return {
    body,
    headers: {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      'x-slack-request-timestamp': String(nowSeconds),
      'x-slack-signature': `v0=${signature}`,
    },
  };
}

const team = { id: 'T0WARMUP', domain: 'warm-up' };
const user = { id: 'U0WARMUP', username: 'warm-up', name: 'warm-up', team_id: team.id };

/** A click on a button of a message with a few blocks, as Slack posts it: a form field `payload` holding JSON. */
function click(n: number, nowSeconds: number) {
  const ts = `${nowSeconds}.${String(n).padStart(6, '0')}`;
  const buttons = ['met', 'skip', 'later'].map((choice) => ({
    type: 'button',
    action_id: `warm_up_${choice}`,
    text: { type: 'plain_text', text: choice, emoji: true },
    value: `warm-up-${n}`,
  }));
  const blocks = [
    { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: `Warm-up ${n}: how did your meeting go? `.repeat(8) } },
    { type: 'actions', block_id: 'choices', elements: buttons },
    { type: 'context', block_id: 'note', elements: [{ type: 'mrkdwn', text: 'Nothing is recorded.' }] },
  ];
  return {
    type: 'block_actions',
    user,
    api_app_id: 'A0WARMUP',
    token: 'warm-up',
    container: { type: 'message', message_ts: ts, channel_id: 'C0WARMUP', is_ephemeral: false },
    trigger_id: `warm-up.${randomUUID()}`,
    team,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: 'C0WARMUP', name: 'warm-up' },
    message: { type: 'message', user: 'U0WARMUPBOT', ts, text: 'Warm-up', blocks },
    state: { values: {} },
    response_url: `https://hooks.slack.invalid/actions/warm-up/${n}`,
    actions: [{ ...buttons[0], block_id: 'choices', action_ts: `${nowSeconds}.5` }],
  };
}

function command(n: number): Record<string, string> {
  return {
    token: 'warm-up',
    team_id: team.id,
    team_domain: team.domain,
    channel_id: 'D0WARMUP',
    channel_name: 'directmessage',
    user_id: user.id,
    user_name: user.name,
    command: '/warm-up',
    text: `help ${n}`,
    api_app_id: 'A0WARMUP',
    is_enterprise_install: 'false',
    response_url: `https://hooks.slack.invalid/commands/warm-up/${n}`,
    trigger_id: `warm-up.${randomUUID()}`,
  };
}

function event(n: number, nowSeconds: number) {
  return {
    token: 'warm-up',
    team_id: team.id,
    api_app_id: 'A0WARMUP',
    event: { type: 'app_home_opened', user: user.id, channel: 'D0WARMUP', tab: 'home', event_ts: `${nowSeconds}.${n}` },
    type: 'event_callback',
    event_id: `Ev0WARMUP${randomUUID()}`,
    event_time: nowSeconds,
    authorizations: [{ enterprise_id: null, team_id: team.id, user_id: 'U0WARMUPBOT', is_bot: true }],
    is_ext_shared_channel: false,
  };
}

/** The n-th warm-up request: clicks, commands and events in about the proportions of a busy hour. */
export function warmUpRequest(signingSecret: string, n: number, nowSeconds: number): SignedRequest {
  const which = n % 10;
  if (which < 5) {
    const payload = JSON.stringify(click(n, nowSeconds));
    return sign(signingSecret, new URLSearchParams({ payload }).toString(), FORM, nowSeconds);
  }
  if (which < 8) return sign(signingSecret, new URLSearchParams(command(n)).toString(), FORM, nowSeconds);
  return sign(signingSecret, JSON.stringify(event(n, nowSeconds)), 'application/json', nowSeconds);
}
