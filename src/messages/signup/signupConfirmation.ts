import { ROLE_TIPS } from '../../domain/guidance.js';
import { generationLabel, meetingPreferenceLabel, seniorityLabel, type Role } from '../../domain/people.js';
import { topicLabels, type Topic } from '../../domain/topics.js';
import { slackDay } from '../common/dates.js';
import { context, divider, escapeText, header, section, type Block } from '../common/text.js';

export interface ConfirmationModel {
  created: boolean;
  programmeName: string;
  signupDeadline: string;
  startDate: string;
  role: Role;
  seniorityLevel: number;
  generation: string;
  department: string;
  teaches: string[];
  learns: string[];
  meetingPreference: string;
  capacity: number;
  avoidCount: number;
  timezone: string;
  topics: readonly Topic[];
}

/** The DM after signing up (or editing): what was recorded, what happens next, tips for the role. */
export function signupConfirmation(m: ConfirmationModel): { text: string; blocks: Block[] } {
  const roleName = m.role === 'mentor' ? 'a mentor (you teach a senior leader)' : 'a mentee (you learn from a junior colleague)';
  const name = escapeText(m.programmeName);
  const text = m.created ? `You're in: you joined ${name} as ${roleName}.` : `Your profile for ${name} is updated.`;
  const recorded = [
    `• Role: ${roleName}`,
    `• Career stage: ${seniorityLabel(m.seniorityLevel)}${m.generation ? `; ${generationLabel(m.generation)}` : ''}`,
    `• Department: ${escapeText(m.department)}`,
    `• You can teach: ${escapeText(topicLabels(m.topics, m.teaches).join(', '))}`,
    `• You want to learn: ${escapeText(topicLabels(m.topics, m.learns).join(', '))}`,
    `• Meeting: ${meetingPreferenceLabel(m.meetingPreference)}${m.role === 'mentor' ? `; up to ${m.capacity} mentee${m.capacity === 1 ? '' : 's'}` : ''}`,
    `• Time zone: ${escapeText(m.timezone)}`,
    ...(m.avoidCount > 0
      ? [
          `• You asked not to be paired with ${m.avoidCount} ${m.avoidCount === 1 ? 'person' : 'people'} (private: only you and the matcher know).`,
        ]
      : []),
  ];
  const next = `*What happens next*\nSignup closes on ${slackDay(m.signupDeadline, m.timezone)}. Then the coordinators match the whole group at once, looking for the best partner for everyone, and you will get an introduction in a group DM with your partner before the programme starts on ${slackDay(m.startDate, m.timezone)}. You can edit your profile with \`/rm-join\` until then.`;
  const tips = ROLE_TIPS[m.role].map((t) => `• ${t}`).join('\n');
  return {
    text,
    blocks: [
      header(m.created ? 'Welcome to reverse mentoring' : 'Profile updated'),
      section(text),
      section(`*What we recorded*\n${recorded.join('\n')}`),
      section(next),
      divider(),
      section(`*Tips for ${m.role === 'mentor' ? 'young mentors' : 'senior mentees'}*\n${tips}`),
      context('Pause, leave, export or delete your data at any time from my Home tab.'),
    ],
  };
}
