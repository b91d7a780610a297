/** Recommendation score bands of the Net Promoter System (0-10). */
export function npsBand(score: number): 'promoter' | 'passive' | 'detractor' {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** NPS = % promoters (9-10) minus % detractors (0-6), from -100 to 100, rounded to a whole number. */
export function netPromoterScore(promoters: number, passives: number, detractors: number): number | null {
  const total = promoters + passives + detractors;
  if (total === 0) return null;
  return Math.round(((promoters - detractors) / total) * 100);
}
