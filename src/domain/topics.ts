/** upward: the junior mentor teaches the senior mentee; downward: the other way. */
export type TopicDirection = 'upward' | 'downward';

export interface Topic {
  key: string;
  label: string;
  direction: TopicDirection;
}

/** The default catalogue of ARCHITECTURE.md section 4; coordinators can edit a programme's copy. */
export const DEFAULT_TOPICS: readonly Topic[] = [
  { key: 'social-media', label: 'Social media and personal brand', direction: 'upward' },
  { key: 'ai-new-tech', label: 'AI and new technology', direction: 'upward' },
  { key: 'digital-tools', label: 'Digital tools and productivity', direction: 'upward' },
  { key: 'online-safety', label: 'Online safety and privacy', direction: 'upward' },
  { key: 'workplace-culture', label: 'Workplace culture and Gen Z expectations', direction: 'upward' },
  { key: 'diversity-inclusion', label: 'Diversity and inclusion', direction: 'upward' },
  { key: 'consumer-insight', label: 'Consumer and market insight', direction: 'upward' },
  { key: 'sustainability', label: 'Sustainability and social causes', direction: 'upward' },
  { key: 'leadership', label: 'Leadership', direction: 'downward' },
  { key: 'strategy', label: 'Strategy and decision making', direction: 'downward' },
  { key: 'career-navigation', label: 'Career navigation', direction: 'downward' },
  { key: 'organisational-dynamics', label: 'Organisational dynamics', direction: 'downward' },
  { key: 'business-finance', label: 'Business and finance', direction: 'downward' },
];

export function topicLabels(topics: readonly Topic[], keys: readonly string[]): string[] {
  const byKey = new Map(topics.map((t) => [t.key, t.label]));
  return keys.map((k) => byKey.get(k) ?? k);
}
