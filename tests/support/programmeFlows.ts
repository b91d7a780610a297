import type { Answers, DriverResponse } from '../../src/devtools/emulator/index.js';
import { eventually } from './eventually.js';
import type { Harness } from './harness.js';

export const COORDINATOR = 'U0EMU0005'; // Margaret Liu, Chief People Officer (Europe/London... New York)
export const ZOE = 'U0EMU0007'; // Marketing Associate, Europe/London
export const LEO = 'U0EMU0008'; // Junior Software Engineer, America/Los_Angeles
export const AMARA = 'U0EMU0001'; // COO, Europe/London
export const KLAUS = 'U0EMU0004'; // Engineering Director, Europe/Berlin

/** The modal the app opened last for this user (after the command's ack, the app calls views.open). */
export async function openedModal(h: Harness, userId: string, callbackId: string) {
  return eventually(
    () => {
      const v = h.emulator.lastViewFor(userId);
      return v && v.callback_id === callbackId && h.emulator.isViewOpen(v.id) ? v : undefined;
    },
    5000,
    `modal ${callbackId} for ${userId}`,
  );
}

export async function openProgramme(h: Harness, answers: Answers = {}, coordinator = COORDINATOR) {
  const ack = await h.driver.slashCommand({ userId: coordinator, command: '/rm-admin', text: 'open' });
  if (ack.status !== 200) throw new Error(`ack ${ack.status}`);
  const view = await openedModal(h, coordinator, 'programme_open');
  const res = await h.driver.fillAndSubmitModal({
    userId: coordinator,
    viewId: view.id,
    answers: { name: 'Spring 2026', objectives: 'Every mentee posts on LinkedIn twice a month by June.', ...answers },
  });
  return { view, res };
}

export const MENTOR_ANSWERS: Answers = {
  role: 'mentor',
  seniorityLevel: '2',
  generation: 'gen-z',
  department: 'Marketing',
  teaches: ['social-media', 'ai-new-tech'],
  learns: ['leadership', 'strategy'],
  goals: 'Help a leader feel at home on TikTok.',
  meetingPreference: 'video',
  capacity: '2',
};

export const MENTEE_ANSWERS: Answers = {
  role: 'mentee',
  seniorityLevel: '7',
  generation: 'gen-x',
  department: 'Operations',
  teaches: ['leadership'],
  learns: ['social-media', 'ai-new-tech'],
  goals: 'Understand how my teams use AI.',
  meetingPreference: 'either',
};

export async function joinWith(h: Harness, userId: string, answers: Answers) {
  const ack = await h.driver.slashCommand({ userId, command: '/rm-join' });
  if (ack.status !== 200) throw new Error(`ack ${ack.status}`);
  const view = await openedModal(h, userId, 'signup');
  const res = await h.driver.fillAndSubmitModal({ userId, viewId: view.id, answers });
  return { view, res };
}

/** Messages the bot posted in the DM with this user (delivered by the outbox). */
export function dmTexts(h: Harness, userId: string): string[] {
  return h.emulator.messagesIn(h.emulator.channelFor([userId])).map((m) => String(m.text ?? ''));
}

/** Sends exactly the same interactive payload again, as a double click or Slack's retry does. */
export function resend(h: Harness, res: DriverResponse) {
  return h.driver.raw({
    body: new URLSearchParams({ payload: JSON.stringify(res.payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
}

/** Sends exactly the same slash command again (its form fields), as Slack's retry or a replay does. */
export function resendCommand(h: Harness, res: DriverResponse) {
  return h.driver.raw({
    body: new URLSearchParams(res.payload as Record<string, string>).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
}
