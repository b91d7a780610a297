import { slackDay } from '../../../src/messages/common/dates.js';

describe("slackDay: a calendar day in Slack's date formatting", () => {
  test('noon of that day in the reader’s zone, with the day written out as the fallback', () => {
    // 12:00 in Auckland (NZDT, UTC+13) on 2 March 2026 is 23:00 UTC on 1 March.
    expect(slackDay('2026-03-02', 'Pacific/Auckland')).toBe(
      `<!date^${Date.parse('2026-03-01T23:00:00Z') / 1000}^{date_long_pretty}|Mon 2 Mar 2026>`,
    );
    expect(slackDay('2026-03-09', 'America/Los_Angeles')).toBe(
      `<!date^${Date.parse('2026-03-09T19:00:00Z') / 1000}^{date_long_pretty}|Mon 9 Mar 2026>`,
    );
  });
});
