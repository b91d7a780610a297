import type { Role } from './people.js';

/** Short tips for each role (ARCHITECTURE.md section 4). */
export const ROLE_TIPS: Record<Role, readonly string[]> = {
  mentor: [
    'Be confident: you know things your mentee does not, and that is why you were chosen.',
    'Listen first: ask what they already know and what they want to get out of each conversation.',
    'Be patient: what feels obvious to you may be new to them.',
    'Prepare: bring one concrete example, tool or account to each check-in.',
    'Celebrate small wins: the first post, the first prompt, the first app that sticks.',
  ],
  mentee: [
    'Leave the ego aside: here, you are the learner.',
    'Be open: share what you find hard or unfamiliar.',
    'Ask: there are no silly questions about technology or culture.',
    'Apply: try one thing between check-ins and tell your mentor how it went.',
    'Show appreciation: say what you learned, and share some of your own experience in return.',
  ],
};
