// Numbers and dates as the dashboard shows them.
import { formatDate } from '../core/localDate.js';

export const day = (isoDate: string): string => formatDate(isoDate);
export const percent = (share: number | null): string => (share === null ? '–' : `${Math.round(share * 100)} %`);
export const decimal = (n: number | null, digits = 1): string => (n === null ? '–' : n.toFixed(digits));
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
