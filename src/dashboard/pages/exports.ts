// Exports: the report's CSV files (src/flows/report.ts reportCsvs), downloadable.
import { html, type Html } from '../html.js';
import { page, programmePath, type Viewer } from './layout.js';

export const EXPORT_FILES = [
  {
    file: 'participants.csv',
    what: 'Everyone in the programme: role, status, seniority, career stage, generation, department, time zone, dates.',
  },
  { file: 'pairs.csv', what: 'Every pair: mentor, mentee, status, cadence, dates, check-ins met, last meeting, match score.' },
  { file: 'checkins.csv', what: 'Every check-in: pair, due date, status, when it was scheduled or met.' },
  {
    file: 'feedback.csv',
    what: 'Feedback figures by kind and month (ratings, progress, NPS), shown only over at least 3 answers from 3 people; nobody is named.',
  },
  {
    file: 'feedback_comments.csv',
    what: 'What people learned, changed and committed to, only where at least 3 people wrote, without names, sorted by text.',
  },
] as const;

export type ExportFile = (typeof EXPORT_FILES)[number]['file'];

export const exportPath = (programmeId: string, file: string) => `${programmePath(programmeId, 'exports')}/${file}`;

export function exportsPage(o: { viewer: Viewer; programme: { id: string; name: string } }): Html {
  return page({
    title: `Exports: ${o.programme.name}`,
    viewer: o.viewer,
    programme: { id: o.programme.id, name: o.programme.name, tab: 'exports' },
    body: html`<p>
        The same CSV files as the report's "Export CSV" in Slack, as of now. They open in Excel with accents intact (UTF-8 with a
        byte order mark). They hold personal data: keep them where your HR data lives.
      </p>
      <table>
        <caption>
          CSV files
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">What it holds</th>
          </tr>
        </thead>
        <tbody>
          ${EXPORT_FILES.map(
            (f) =>
              html`<tr>
                <th scope="row"><a href="${exportPath(o.programme.id, f.file)}" download>${f.file}</a></th>
                <td>${f.what}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  });
}
