// The roster: a programme's people, searched, filtered, sorted and paged, with their actions.
import type { PersonToConfirm, RosterRow, RosterView } from '../../flows/dashboardRoster.js';
import { day } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField, page, programmePath, type Notice, type Viewer } from './layout.js';
import { field, filterForm, pager, select, sortHeader, tableCaption } from './tables.js';

export type RosterAction = 'pause' | 'withdraw' | 'rematch';

const STATUS_LABELS: Record<string, string> = {
  active: 'Active',
  paused: 'Paused',
  withdrawn: 'Withdrew',
  departed: 'Left the company',
};
const ROLE_LABELS: Record<string, string> = { mentor: 'Mentor', mentee: 'Mentee' };

export const actionPath = (programmeId: string, participantId: string, action: RosterAction) =>
  `${programmePath(programmeId, 'roster')}/${encodeURIComponent(participantId)}/${action}`;

function statusCell(r: RosterRow): Html {
  const label = STATUS_LABELS[r.status] ?? r.status;
  return r.status === 'paused' && r.pausedUntil ? html`${label} until ${day(r.pausedUntil)}` : html`${label}`;
}

function partnersCell(r: RosterRow): Html {
  if (r.partners.length === 0) return html`<span class="muted">none</span>`;
  return html`${r.partners.map(
    (p, i) =>
      html`${i > 0 ? ', ' : ''}${p.name}${p.status === 'paused' ? html` <span class="muted">(${p.rematchRequested ? 'rematch asked' : 'paused'})</span>` : ''}`,
  )}`;
}

function actionsCell(programmeId: string, r: RosterRow, changesAllowed: boolean): Html {
  const running = changesAllowed && (r.status === 'active' || r.status === 'paused');
  if (!running) return html``;
  const activePartners = r.partners.filter((p) => p.status === 'active').length;
  const link = (action: RosterAction, label: string) =>
    html`<li><a href="${actionPath(programmeId, r.participantId, action)}" aria-label="${label} ${r.name}…">${label}…</a></li>`;
  return html`<ul class="actions">
    ${r.status === 'active' ? link('pause', 'Pause') : ''} ${link('withdraw', 'Withdraw')}
    ${r.status === 'active' && activePartners === 0 ? link('rematch', 'Rematch') : ''}
  </ul>`;
}

export function rosterPage(o: {
  viewer: Viewer;
  view: RosterView;
  params: URLSearchParams;
  query: { q: string; role: string; status: string; department: string; timezone: string; sort: string; dir: 'asc' | 'desc' };
  notice?: Notice;
}): Html {
  const { view, params, query } = o;
  const p = view.programme;
  const filters = filterForm({
    action: programmePath(p.id, 'roster'),
    label: 'Filter the roster',
    sort: query.sort,
    dir: query.dir,
    controls: html`${field('f-q', 'Search', html`<input id="f-q" type="search" name="q" value="${query.q}" placeholder="name, title, department" />`)}
    ${select('role', 'Role', query.role, [
      { value: '', label: 'Any role' },
      { value: 'mentor', label: 'Mentors' },
      { value: 'mentee', label: 'Mentees' },
    ])}
    ${select('status', 'Status', query.status, [
      { value: '', label: 'Any status' },
      ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
    ])}
    ${select('department', 'Department', query.department, [
      { value: '', label: 'Any department' },
      ...view.departments.map((d) => ({ value: d, label: d })),
    ])}
    ${select('timezone', 'Time zone', query.timezone, [
      { value: '', label: 'Any time zone' },
      ...view.timezones.map((z) => ({ value: z, label: z })),
    ])}`,
  });
  const sorted = { sort: query.sort, dir: query.dir };
  const table =
    view.rows.length === 0
      ? html`<p>${view.total === 0 ? 'Nobody has joined this programme yet.' : 'Nobody matches these filters.'}</p>`
      : html`<table>
          ${tableCaption({ shown: view.matching, total: view.total, noun: 'people', page: view.page, pages: view.pages })}
          <thead>
            <tr>
              ${sortHeader(params, sorted, 'name', 'Name')} ${sortHeader(params, sorted, 'role', 'Role')}
              ${sortHeader(params, sorted, 'status', 'Status')} ${sortHeader(params, sorted, 'department', 'Department')}
              ${sortHeader(params, sorted, 'timezone', 'Time zone')}
              ${sortHeader(params, sorted, 'seniority', 'Seniority', { numeric: true })}
              <th scope="col">Partner</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            ${view.rows.map(
              (r) =>
                html`<tr>
                  <th scope="row">${r.name}${r.title ? html`<br /><span class="muted">${r.title}</span>` : ''}</th>
                  <td>${ROLE_LABELS[r.role] ?? r.role}</td>
                  <td>${statusCell(r)}</td>
                  <td>${r.department || html`<span class="muted">not given</span>`}</td>
                  <td>${r.timezone}</td>
                  <td class="num">${r.seniorityLevel}</td>
                  <td>${partnersCell(r)}</td>
                  <td>${actionsCell(p.id, r, view.changesAllowed)}</td>
                </tr>`,
            )}
          </tbody>
        </table>`;
  return page({
    title: `Roster: ${p.name}`,
    viewer: o.viewer,
    programme: { id: p.id, name: p.name, tab: 'roster' },
    ...(o.notice ? { notice: o.notice } : {}),
    body: html`${view.changesAllowed ? '' : html`<p class="muted">This programme has ended: participations no longer change.</p>`}${filters}
      <p class="vh" role="status">${view.matching} people match.</p>
      ${table}${pager(params, view.page, view.pages, 'the roster')}`,
  });
}

const ACTION_TITLES: Record<RosterAction, (name: string) => string> = {
  pause: (n) => `Pause ${n}`,
  withdraw: (n) => `Withdraw ${n}`,
  rematch: (n) => `Rematch ${n}`,
};

/** Every roster action is confirmed on a page of its own: what it does, whom it tells, and the button. */
export function confirmActionPage(o: {
  viewer: Viewer;
  programmeId: string;
  action: RosterAction;
  person: PersonToConfirm;
  notice?: Notice;
  until?: string;
}): Html {
  const p = o.person;
  const back = programmePath(o.programmeId, 'roster');
  const partners = p.activePartners.map((x) => x.name).join(', ');
  const explanation: Record<RosterAction, Html> = {
    pause: html`<p>
      ${p.name} gets no check-ins or nudges until the day you choose, and resumes by themself that day. They are told in Slack
      that you paused them.
    </p>`,
    withdraw: html`<p>
      ${p.name} leaves ${p.programmeName}, as if they had pressed "Leave the programme": they get no more
      check-ins.${partners ? html` Their pair with ${partners} pauses, and the coordinators are offered a rematch.` : ''} The
      coordinators and ${p.name} are told in Slack.
    </p>`,
    rematch: html`<p>
      I pair ${p.name} now with the best partner available, as the Rematch button in Slack does, and introduce them in a group DM.
      Nobody else's pair changes.
    </p>`,
  };
  const today = o.until ?? p.suggestedPauseEnd;
  const fields =
    o.action === 'pause'
      ? field(
          'f-until',
          `Back on (${p.name}'s calendar)`,
          html`<input id="f-until" type="date" name="until" value="${today}" max="${p.programmeEnd}" required />`,
        )
      : '';
  return page({
    title: ACTION_TITLES[o.action](p.name),
    viewer: o.viewer,
    programme: { id: o.programmeId, name: p.programmeName, tab: 'roster' },
    ...(o.notice ? { notice: o.notice } : {}),
    body: html`${explanation[o.action]}
      <form class="stack" method="post" action="${actionPath(o.programmeId, p.participantId, o.action)}">
        ${csrfField(o.viewer)} ${fields}
        <div class="actions">
          <button type="submit" class="primary${o.action === 'withdraw' ? ' danger' : ''}">
            ${ACTION_TITLES[o.action](p.name)}
          </button>
          <a href="${back}">Cancel</a>
        </div>
      </form>`,
  });
}
