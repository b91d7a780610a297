import type { HomeParticipation } from '../../../src/messages/home.js';

/** A participation as App Home shows it, with what a test does not care about filled in. */
export const homeParticipation = (over: Partial<HomeParticipation> = {}): HomeParticipation => ({
  participantId: 'p1',
  programmeId: 'prog-1',
  programmeName: 'Spring',
  role: 'mentor',
  status: 'active',
  phase: 'running',
  timezone: 'Europe/London',
  seniorityLevel: 1,
  department: 'R&D',
  teaches: [],
  learns: [],
  meetingPreference: 'video',
  partnerSlackIds: ['U2'],
  feedback: [],
  ...over,
});
