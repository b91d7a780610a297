import { createLogger, withoutDebug, withoutPayloads } from '../../../src/logger.js';
import { nudgeMessage } from '../../../src/messages/checkIns.js';
import { concernNotices, feedbackModal, feedbackPrompt, surveyModal } from '../../../src/messages/feedback.js';
import { introMessage } from '../../../src/messages/matching/messages.js';
import { DEFAULT_TOPICS } from '../../../src/domain/topics.js';

describe('feedback views', () => {
  test("the prompt goes to one person's own DM with the request key on its button", () => {
    const m = feedbackPrompt({
      requestKey: 'checkin:c1:p1',
      participantId: 'p1',
      slackUserId: 'U1',
      partnerSlackId: 'U2',
      programmeName: 'Spring',
      checkInId: 'c1',
      sequence: 3,
    });
    expect(m).toMatchObject({ idempotencyKey: 'feedback-prompt:c1:p1', to: { users: ['U1'] } });
    expect(JSON.stringify(m.blocks)).toContain('"action_id":"feedback_open","value":"checkin:c1:p1"');
  });

  test('the check-in modal follows the shared UI contract and shows the consent', () => {
    const view = feedbackModal({
      requestKey: 'checkin:c1:p1',
      programmeName: 'Spring',
      partnerSlackId: 'U2',
      sequence: 1,
      role: 'mentor',
      topics: DEFAULT_TOPICS,
    });
    expect(view.callback_id).toBe('feedback_checkin');
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual([
      'rating',
      'learned',
      'topics',
      'concern',
      'concern_consent',
    ]);
    expect(JSON.stringify(view.blocks)).toContain('"value":"share"');
    expect(JSON.parse(view.private_metadata!)).toEqual({ key: 'checkin:c1:p1' });
    // No catalogue, no empty topics select (Slack would refuse the view).
    expect(
      feedbackModal({
        requestKey: 'k',
        programmeName: 'S',
        partnerSlackId: 'U2',
        sequence: 1,
        role: 'mentee',
        topics: [],
      }).blocks.map((b) => b.block_id),
    ).not.toContain('topics');
  });

  test('survey modals: commitment for mentees only', () => {
    const base = {
      requestKey: 'final:pair:p1',
      kind: 'final' as const,
      programmeName: 'S',
      programmeObjectives: 'SMART',
      pairObjectives: '',
    };
    expect(surveyModal({ ...base, role: 'mentee' }).blocks.map((b) => b.block_id)).toContain('commitment');
    expect(surveyModal({ ...base, role: 'mentor' }).blocks.map((b) => b.block_id)).not.toContain('commitment');
    expect(surveyModal({ ...base, role: 'mentor' }).callback_id).toBe('survey_final');
  });

  test('a concern goes to each coordinator only', () => {
    const notices = concernNotices({
      coordinators: ['UC1', 'UC2'],
      requestKey: 'checkin:c1:p1',
      participantId: 'p1',
      viewId: 'V1',
      slackUserId: 'U1',
      role: 'mentor',
      partnerSlackId: 'U2',
      programmeName: 'S',
      concern: 'worried',
    });
    expect(notices.map((n) => n.to)).toEqual([{ users: ['UC1'] }, { users: ['UC2'] }]);
    expect(notices.map((n) => n.idempotencyKey)).toEqual(['concern:p1:checkin:c1:p1:V1:UC1', 'concern:p1:checkin:c1:p1:V1:UC2']);
  });

  test('"Our objectives" is on the introduction and on every nudge', () => {
    const pair = {
      pairingId: 'pair-9',
      mentor: {
        slackUserId: 'U1',
        displayName: 'zoe',
        title: '',
        department: '',
        timezone: 'Europe/London',
        teaches: [],
        learns: [],
      },
      mentee: {
        slackUserId: 'U2',
        displayName: 'priya',
        title: '',
        department: '',
        timezone: 'Europe/London',
        teaches: [],
        learns: [],
      },
      cadenceDays: 14,
      firstCheckInDue: new Date('2026-03-09T09:00:00Z'),
    };
    expect(JSON.stringify(introMessage(pair, 'Spring', {}, new Date('2026-03-02T09:00:00Z')).blocks)).toContain(
      '"action_id":"objectives_edit","value":"pair-9"',
    );
    const nudge = nudgeMessage({
      pairingId: 'pair-9',
      programmeName: 'S',
      mentor: { slackUserId: 'U1', status: 'active', timezone: 'Europe/London' },
      mentee: { slackUserId: 'U2', status: 'active', timezone: 'Europe/London' },
      groupChannelId: 'G1',
      checkInId: 'c1',
      sequence: 1,
      dueDate: '2026-03-09',
      scheduledFor: null,
      n: 1,
      notBefore: new Date('2026-03-09T10:00:00Z'),
    });
    expect(JSON.stringify(nudge.blocks)).toContain('"action_id":"objectives_edit","value":"pair-9"');
  });
});

describe('the Bolt logger never writes Web API bodies', () => {
  test('request and response bodies are dropped at debug level; other debug lines stay', () => {
    const lines: string[] = [];
    const logger = withoutPayloads(createLogger('debug', 'bolt', (l) => lines.push(l)));
    logger.debug('http request body: {"view":{"blocks":[{"text":"secret feedback"}]}}');
    logger.debug('http request result: {"ok":true,"message":{"text":"secret feedback"}}');
    logger.child('web').debug('http request headers: {}');
    logger.debug("apiCall('views.open') start");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("apiCall('views.open') start");
  });
});

describe('the Socket Mode logger never writes envelopes', () => {
  test('debug lines (each received envelope, each ack) are dropped; info and above stay', () => {
    const lines: string[] = [];
    const logger = withoutDebug(createLogger('debug', 'socket-mode', (l) => lines.push(l)));
    logger.debug('Received a message on the WebSocket: {"payload":{"view":{"state":{"values":{"concern":"secret concern"}}}}}');
    logger.child('client').debug('Calling ack() with {"response_action":"errors"}');
    logger.info('Now connected to Slack');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Now connected to Slack');
  });
});
