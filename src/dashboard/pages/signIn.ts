// The pages someone sees before they are signed in.
import { html, type Html } from '../html.js';
import { BASE, publicPage, type Notice } from './layout.js';

export function signInPage(o: { openId: boolean; notice?: Notice }): Html {
  return publicPage(
    'Coordinator dashboard',
    html`<p>The dashboard is where programme coordinators review matchings, follow a programme's health and manage its people.</p>
      <h2>Sign in</h2>
      <p>
        In Slack, type <code>/rm-admin dashboard</code> (or press <strong>Open the dashboard</strong> in the bot's Home tab). The
        bot answers with a personal link that works once, within 10 minutes.
      </p>
      ${o.openId ? html`<p><a class="button primary" href="${BASE}/signin/slack">Sign in with Slack</a></p>` : ''}`,
    o.notice,
  );
}

/** Opening a link does not use it (link scanners and previews open links too): this button does. */
export function confirmLinkPage(o: { token: string; slackUserId: string }): Html {
  return publicPage(
    'Sign in to the coordinator dashboard',
    html`<p>This link signs in Slack user <strong>${o.slackUserId}</strong>. It works once; the session lasts 8 hours.</p>
      <form method="post" action="${BASE}/signin/link">
        <input type="hidden" name="token" value="${o.token}" />
        <button type="submit" class="primary">Continue to the dashboard</button>
      </form>`,
  );
}

export function refusedPage(title: string, text: string): Html {
  return publicPage(title, html`<p><a href="${BASE}/signin">How to sign in</a></p>`, { kind: 'problem', text });
}
