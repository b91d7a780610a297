// The matching review: the latest run as a table (sort, filter, pages), the waitlist with why, and the same
// edits as the Slack preview (pin, swap, remove, re-run, approve).
import type { MatchingReview, ReviewPair, ReviewQuery } from '../../flows/dashboardMatching.js';
import { UNMATCHED_REASON } from '../../messages/matching/preview.js';
import { decimal } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField, page, programmePath, type Notice, type Viewer } from './layout.js';
import { field, filterForm, pager, select, sortHeader, tableCaption } from './tables.js';

export const matchingPath = (programmeId: string, action?: string) =>
  `${programmePath(programmeId, 'matching')}${action ? `/${action}` : ''}`;

const STATUS_WORDS: Record<string, string> = {
  draft: 'Draft: only coordinators see it; nobody is told anything until it is approved.',
  approved: 'Approved: the pairs were introduced.',
  superseded: 'Superseded by a newer draft.',
};

/** A one-button form that posts to the matching page's action. */
function postButton(
  viewer: Viewer,
  programmeId: string,
  action: string,
  fields: Record<string, string>,
  label: Html | string,
  className = '',
): Html {
  return html`<form method="post" action="${matchingPath(programmeId, action)}">
    ${csrfField(viewer)}${Object.entries(fields).map(
      ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
    )}<button type="submit" ${className ? html` class="${className}"` : ''}>${label}</button>
  </form>`;
}

function pairRow(o: { viewer: Viewer; programmeId: string; runId: string; editable: boolean }, p: ReviewPair): Html {
  const names = `${p.mentor.name} and ${p.mentee.name}`;
  const actions = o.editable
    ? html`<div class="actions">
        ${postButton(o.viewer, o.programmeId, 'toggle-pin', { runId: o.runId, pairingId: p.id }, html`${p.pinned ? 'Unpin' : 'Pin'}<span class="vh"> the pair ${names}</span>`)}
        ${postButton(o.viewer, o.programmeId, 'remove', { runId: o.runId, pairingId: p.id }, html`Remove<span class="vh"> the pair ${names}</span>`, 'danger')}
      </div>`
    : '';
  return html`<tr>
    <th scope="row">
      ${p.mentor.name}${p.mentor.department ? html`<br /><span class="muted">${p.mentor.department}</span>` : ''}
    </th>
    <td>${p.mentee.name}${p.mentee.department ? html`<br /><span class="muted">${p.mentee.department}</span>` : ''}</td>
    <td class="num">${decimal(p.score)}</td>
    <td>
      <ul class="reasons">
        ${p.reasons.map((r) => html`<li>${r}</li>`)}
      </ul>
    </td>
    <td>${p.pinned ? 'Pinned' : html`<span class="muted">no</span>`}</td>
    ${o.editable ? html`<td>${actions}</td>` : ''}
  </tr>`;
}

export function matchingPage(o: {
  viewer: Viewer;
  programme: { id: string; name: string };
  review: MatchingReview;
  params: URLSearchParams;
  query: ReviewQuery;
  notice?: Notice;
}): Html {
  const { review, programme, query, params, viewer } = o;
  const run = review.run;
  const frame = (body: Html) =>
    page({
      title: `Matching: ${programme.name}`,
      viewer,
      programme: { id: programme.id, name: programme.name, tab: 'matching' },
      ...(o.notice ? { notice: o.notice } : {}),
      body,
    });
  if (!run)
    return frame(
      html`<p>
          Nobody has been matched in this programme yet. Preparing a draft matches the whole cohort at once (the same as
          <code>/rm-admin match</code> in Slack); nobody is told anything until a coordinator approves it.
        </p>
        <div class="actions">${postButton(viewer, programme.id, 'prepare', {}, 'Prepare a draft matching', 'primary')}</div>`,
    );
  const editable = run.status === 'draft';
  const average = run.pairs > 0 ? run.totalScore / run.pairs : 0;
  const summary = html`<dl class="facts">
    <dt>Status</dt>
    <dd>${STATUS_WORDS[run.status] ?? run.status}</dd>
    <dt>Pairs</dt>
    <dd>
      ${run.pairs}${run.keptPairs > 0 ? html` <span class="muted">(${run.keptPairs} running pairs stay as they are)</span>` : ''}
    </dd>
    <dt>Waitlist</dt>
    <dd>${review.waitlist.length}</dd>
    <dt>Score</dt>
    <dd>${decimal(run.totalScore)} in total, ${decimal(average)} of 100 on average</dd>
  </dl>`;
  const controls = editable
    ? html`<div class="actions">
        <a class="button primary" href="${matchingPath(programme.id, 'approve')}">Approve and announce…</a>
        ${postButton(viewer, programme.id, 'rerun', { runId: run.id }, 'Re-run')}
        <a class="button" href="${matchingPath(programme.id, 'pin')}">Pin a pair…</a>
        <a class="button" href="${matchingPath(programme.id, 'swap')}">Swap two people…</a>
        ${postButton(viewer, programme.id, 'prepare', {}, 'Check for profile changes')}
      </div>`
    : html`<div class="actions">
        ${postButton(viewer, programme.id, 'prepare', {}, 'Prepare a new draft (rematch the people waiting)')}
      </div>`;
  const filters = filterForm({
    action: matchingPath(programme.id),
    label: 'Filter the pairs',
    sort: query.sort,
    dir: query.dir,
    controls: html`${field('f-q', 'Search', html`<input id="f-q" type="search" name="q" value="${query.q}" placeholder="name, department, reason" />`)}
    ${select('pinned', 'Pinned', query.pinned, [
      { value: '', label: 'All pairs' },
      { value: 'pinned', label: 'Pinned only' },
      { value: 'unpinned', label: 'Not pinned' },
    ])}
    ${field('f-min', 'Lowest score', html`<input id="f-min" type="number" name="minScore" min="0" max="100" step="1" value="${query.minScore || ''}" inputmode="numeric" />`)}`,
  });
  const sorted = { sort: query.sort, dir: query.dir };
  const pairs =
    review.pairs.length === 0
      ? html`<p>${run.pairs === 0 ? 'This run has no pairs.' : 'No pair matches these filters.'}</p>`
      : html`<table>
          ${tableCaption({ shown: review.matching, total: run.pairs, noun: 'pairs', page: review.page, pages: review.pages })}
          <thead>
            <tr>
              ${sortHeader(params, sorted, 'mentor', 'Mentor (teaches)')}
              ${sortHeader(params, sorted, 'mentee', 'Mentee (learns)')}
              ${sortHeader(params, sorted, 'score', 'Score', { numeric: true, firstDir: 'desc' })}
              <th scope="col">Why</th>
              <th scope="col">Pinned</th>
              ${editable ? html`<th scope="col">Change</th>` : ''}
            </tr>
          </thead>
          <tbody>
            ${review.pairs.map((p) => pairRow({ viewer, programmeId: programme.id, runId: run.id, editable }, p))}
          </tbody>
        </table>`;
  const waitlist =
    review.waitlist.length === 0
      ? html`<p>Nobody is on the waitlist.</p>`
      : html`<table>
          <caption>
            ${review.waitlist.length === 1 ? '1 person' : `${review.waitlist.length} people`} on the waitlist
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            ${review.waitlist.map(
              (w) =>
                html`<tr>
                  <th scope="row">${w.name}</th>
                  <td>${w.role === 'mentor' ? 'Mentor' : 'Mentee'}</td>
                  <td>${UNMATCHED_REASON[w.reason] ?? w.reason}${w.detail ? html`: ${w.detail}` : ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>`;
  return frame(
    html`${summary}${controls}
      <h2>Pairs</h2>
      ${filters}
      <p class="vh" role="status">${review.matching} pairs match.</p>
      ${pairs}${pager(params, review.page, review.pages, 'pairs')}
      <h2>Waitlist</h2>
      ${waitlist}`,
  );
}

type Person = { slackUserId: string; name: string; department: string };

const personOptions = (people: Person[]) =>
  people.map((p) => html`<option value="${p.slackUserId}">${p.name}${p.department ? ` (${p.department})` : ''}</option>`);

export function approvePage(o: {
  viewer: Viewer;
  programme: { id: string; name: string };
  review: MatchingReview;
  notice?: Notice;
}): Html {
  const run = o.review.run!;
  return page({
    title: `Approve the matching of ${o.programme.name}?`,
    viewer: o.viewer,
    programme: { id: o.programme.id, name: o.programme.name, tab: 'matching' },
    ...(o.notice ? { notice: o.notice } : {}),
    body: html`<p>
        Approving introduces each of the <strong>${run.pairs}</strong> pairs in a group DM, tells the
        <strong>${o.review.waitlist.length}</strong> people on the waitlist kindly, and posts to the announcement channel, exactly
        once. It cannot be undone.
      </p>
      <form method="post" action="${matchingPath(o.programme.id, 'approve')}" class="actions">
        ${csrfField(o.viewer)}<input type="hidden" name="runId" value="${run.id}" />
        <button type="submit" class="primary">Approve and announce</button>
        <a href="${matchingPath(o.programme.id)}">Cancel</a>
      </form>`,
  });
}

export function pinPage(o: {
  viewer: Viewer;
  programme: { id: string; name: string };
  runId: string;
  people: { mentors: Person[]; mentees: Person[] };
  notice?: Notice;
}): Html {
  return page({
    title: 'Pin a pair',
    viewer: o.viewer,
    programme: { id: o.programme.id, name: o.programme.name, tab: 'matching' },
    ...(o.notice ? { notice: o.notice } : {}),
    body: html`<p>
        A pinned pair stays together when the draft is re-run; the rest of the cohort is matched around it. A pair the rules
        forbid is refused.
      </p>
      <form class="stack" method="post" action="${matchingPath(o.programme.id, 'pin')}">
        ${csrfField(o.viewer)}<input type="hidden" name="runId" value="${o.runId}" />
        ${field(
          'f-mentor',
          'Mentor (teaches)',
          html`<select id="f-mentor" name="mentor" required>
            <option value="">Choose a mentor</option>
            ${personOptions(o.people.mentors)}
          </select>`,
        )}
        ${field(
          'f-mentee',
          'Mentee (learns)',
          html`<select id="f-mentee" name="mentee" required>
            <option value="">Choose a mentee</option>
            ${personOptions(o.people.mentees)}
          </select>`,
        )}
        <div class="actions">
          <button type="submit" class="primary">Pin this pair</button><a href="${matchingPath(o.programme.id)}">Cancel</a>
        </div>
      </form>`,
  });
}

export function swapPage(o: {
  viewer: Viewer;
  programme: { id: string; name: string };
  runId: string;
  people: { mentors: Person[]; mentees: Person[] };
  notice?: Notice;
}): Html {
  const groups = html`<optgroup label="Mentors">${personOptions(o.people.mentors)}</optgroup>
    <optgroup label="Mentees">${personOptions(o.people.mentees)}</optgroup>`;
  return page({
    title: 'Swap two people',
    viewer: o.viewer,
    programme: { id: o.programme.id, name: o.programme.name, tab: 'matching' },
    ...(o.notice ? { notice: o.notice } : {}),
    body: html`<p>
        Two mentors, or two mentees, exchange partners (someone on the waitlist takes the other's place). Every new pair must keep
        the rules, or nothing changes. Swapped pairs are pinned.
      </p>
      <form class="stack" method="post" action="${matchingPath(o.programme.id, 'swap')}">
        ${csrfField(o.viewer)}<input type="hidden" name="runId" value="${o.runId}" />
        ${field(
          'f-a',
          'First person',
          html`<select id="f-a" name="a" required>
            <option value="">Choose someone</option>
            ${groups}
          </select>`,
        )}
        ${field(
          'f-b',
          'Second person',
          html`<select id="f-b" name="b" required>
            <option value="">Choose someone</option>
            ${groups}
          </select>`,
        )}
        <div class="actions">
          <button type="submit" class="primary">Swap them</button><a href="${matchingPath(o.programme.id)}">Cancel</a>
        </div>
      </form>`,
  });
}
