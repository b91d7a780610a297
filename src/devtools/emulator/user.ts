import { createHash } from 'node:crypto';
import { tzInfo } from './timezones.js';

/** Custom profile field the emulator uses for a person's department (Slack profiles have no built-in one). */
export const DEPARTMENT_FIELD_ID = 'Xf0EMUDEPT';

export interface ProfileField {
  value: string;
  alt: string;
}

export interface EmulatedProfile {
  title: string;
  phone: string;
  skype: string;
  real_name: string;
  real_name_normalized: string;
  display_name: string;
  display_name_normalized: string;
  fields: Record<string, ProfileField>;
  status_text: string;
  status_emoji: string;
  status_expiration: number;
  avatar_hash: string;
  first_name: string;
  last_name: string;
  email?: string;
  image_24: string;
  image_32: string;
  image_48: string;
  image_72: string;
  image_192: string;
  image_512: string;
  team: string;
  bot_id?: string;
  api_app_id?: string;
  always_active?: boolean;
}

/** Shaped like the `user` object of Slack's users.info (see fixtures/web_api_responses.json). */
export interface EmulatedUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  color: string;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  profile: EmulatedProfile;
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  has_2fa: boolean;
  updated: number;
  is_email_confirmed: boolean;
  who_can_share_contact_card: string;
  locale: string;
}

export interface UserSpec {
  id: string;
  teamId: string;
  /** the handle (Slack's legacy username) */
  name: string;
  realName: string;
  /** the display name the person chose; Slack leaves it empty until they do (default: empty) */
  displayName?: string;
  title?: string;
  department?: string;
  email?: string;
  tz: string;
  deleted?: boolean;
  isAdmin?: boolean;
  isOwner?: boolean;
  isBot?: boolean;
  botId?: string;
  appId?: string;
  locale?: string;
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Slack's *_normalized fields: the name without accents. */
export const normalized = (name: string): string => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

export function makeUser(spec: UserSpec, at: Date = new Date()): EmulatedUser {
  const [first = spec.realName, ...rest] = spec.realName.split(' ');
  const hash = digest(spec.id);
  const image = (size: number): string => `https://avatars.emulator.invalid/${spec.id}-${size}.png`;
  const fields: Record<string, ProfileField> = spec.department
    ? { [DEPARTMENT_FIELD_ID]: { value: spec.department, alt: '' } }
    : {};
  const profile: EmulatedProfile = {
    title: spec.title ?? '',
    phone: '',
    skype: '',
    real_name: spec.realName,
    real_name_normalized: normalized(spec.realName),
    display_name: spec.isBot ? '' : (spec.displayName ?? ''),
    display_name_normalized: spec.isBot ? '' : normalized(spec.displayName ?? ''),
    fields,
    status_text: '',
    status_emoji: '',
    status_expiration: 0,
    avatar_hash: `g${hash.slice(0, 11)}`,
    first_name: first,
    last_name: rest.join(' '),
    image_24: image(24),
    image_32: image(32),
    image_48: image(48),
    image_72: image(72),
    image_192: image(192),
    image_512: image(512),
    team: spec.teamId,
  };
  if (spec.email) profile.email = spec.email;
  if (spec.isBot) {
    if (spec.botId) profile.bot_id = spec.botId;
    if (spec.appId) profile.api_app_id = spec.appId;
    profile.always_active = true;
  }
  return {
    id: spec.id,
    team_id: spec.teamId,
    name: spec.name,
    deleted: spec.deleted ?? false,
    color: hash.slice(12, 18),
    real_name: spec.realName,
    ...tzInfo(spec.tz, at),
    profile,
    is_admin: spec.isAdmin ?? false,
    is_owner: spec.isOwner ?? false,
    is_primary_owner: spec.isOwner ?? false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: spec.isBot ?? false,
    is_app_user: false,
    has_2fa: false,
    updated: Math.floor(at.getTime() / 1000),
    is_email_confirmed: !spec.isBot,
    who_can_share_contact_card: 'EVERYONE',
    locale: spec.locale ?? 'en-US',
  };
}

/** The user as Slack would serve it at `at`: tz_offset/tz_label follow DST. */
export function userAt(user: EmulatedUser, at: Date): EmulatedUser {
  return { ...user, ...tzInfo(user.tz, at), profile: { ...user.profile, fields: { ...user.profile.fields } } };
}

export function departmentOf(user: EmulatedUser): string | undefined {
  return user.profile.fields[DEPARTMENT_FIELD_ID]?.value;
}
