// The frame of every dashboard page: skip link, header with navigation and sign-out, the programme's tabs.
import { html, type Html, type HtmlValue } from '../html.js';

export const BASE = '/admin';
export const STYLESHEET_PATH = `${BASE}/assets/dashboard.css`;

export interface Viewer {
  slackUserId: string;
  csrfToken: string;
}

export type ProgrammeTab = 'roster' | 'matching' | 'health' | 'exports';

const TABS: Array<{ tab: ProgrammeTab; label: string }> = [
  { tab: 'roster', label: 'Roster' },
  { tab: 'matching', label: 'Matching' },
  { tab: 'health', label: 'Health' },
  { tab: 'exports', label: 'Exports' },
];

export const programmePath = (programmeId: string, tab?: ProgrammeTab) =>
  `${BASE}/programmes/${encodeURIComponent(programmeId)}${tab ? `/${tab}` : ''}`;

/** The hidden field every form carries: the session's token against cross-site requests. */
export const csrfField = (viewer: Viewer): Html => html`<input type="hidden" name="csrf" value="${viewer.csrfToken}" />`;

export interface Notice {
  kind: 'done' | 'problem' | 'warn';
  text: HtmlValue;
}

export const noticeBlock = (notice: Notice | undefined): Html =>
  notice
    ? html`<div class="notice ${notice.kind === 'done' ? '' : notice.kind}" role="${notice.kind === 'done' ? 'status' : 'alert'}">
        ${notice.text}
      </div>`
    : html``;

function head(title: string): Html {
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="same-origin" />
    <title>${title} · Reverse mentoring dashboard</title>
    <link rel="stylesheet" href="${STYLESHEET_PATH}" />
  </head>`;
}

export interface PageOptions {
  title: string;
  viewer: Viewer;
  /** the programme whose tabs show, and which one is open */
  programme?: { id: string; name: string; tab: ProgrammeTab | 'overview' };
  notice?: Notice;
  body: HtmlValue;
}

/** A signed-in page. */
export function page(o: PageOptions): Html {
  const tabs = o.programme
    ? html`<nav class="tabs" aria-label="${o.programme.name}">
        <ul>
          ${TABS.map(
            (t) =>
              html`<li>
                <a href="${programmePath(o.programme!.id, t.tab)}" ${t.tab === o.programme!.tab ? html` aria-current="page"` : ''}
                  >${t.label}</a
                >
              </li>`,
          )}
        </ul>
      </nav>`
    : '';
  const onProgrammes = !o.programme;
  return html`<html lang="en">
    ${head(o.title)}
    <body>
      <a class="skip" href="#main">Skip to the content</a>
      <header class="top">
        <p class="brand">Reverse mentoring</p>
        <nav aria-label="Main">
          <ul>
            <li><a href="${BASE}/programmes" ${onProgrammes ? html` aria-current="page"` : ''}>Programmes</a></li>
          </ul>
        </nav>
        <div class="who">
          <p>Signed in as Slack user ${o.viewer.slackUserId}</p>
          <form method="post" action="${BASE}/signout">${csrfField(o.viewer)}<button type="submit">Sign out</button></form>
        </div>
      </header>
      <main id="main">
        ${o.programme ? html`<p class="muted"><a href="${BASE}/programmes">Programmes</a> › ${o.programme.name}</p>` : ''} ${tabs}
        <h1>${o.title}</h1>
        ${noticeBlock(o.notice)} ${o.body}
      </main>
    </body>
  </html>`;
}

/** A page for someone who is not signed in (sign-in, refusals). */
export function publicPage(title: string, body: HtmlValue, notice?: Notice): Html {
  return html`<html lang="en">
    ${head(title)}
    <body>
      <main id="main" class="signin">
        <h1>${title}</h1>
        ${noticeBlock(notice)} ${body}
      </main>
    </body>
  </html>`;
}
