export { SlackEmulator, type EmulatorOptions, type RecordedCall } from './server.js';
export {
  SlackDriver,
  SocketModeDriver,
  type ActionContainer,
  type BlockActionOptions,
  type DriverResponse,
  type EventOptions,
  type RawRequestOptions,
  type SlackDriverOptions,
} from './driver.js';
export {
  DEFAULT_DELETED_USER_ID,
  DEFAULT_TEAM,
  DEPARTMENT_FIELD_ID,
  SLACKBOT_USER_ID,
  defaultWorkspace,
  departmentOf,
  findUserByName,
  humanUsers,
  makeUser,
  syntheticWorkspace,
  userAt,
  type EmulatedChannel,
  type EmulatedProfile,
  type EmulatedUser,
  type SyntheticWorkspaceOptions,
  type UserSpec,
  type Workspace,
  type WorkspaceOptions,
} from './workspace.js';
export { tzInfo, tzLabel, tzOffsetSeconds, type TzInfo } from './timezones.js';
export { signSlackRequest } from './signing.js';
export { DEFAULT_RATE_LIMITS, METHOD_TIERS, type RateLimitConfig, type Tier } from './rateLimiter.js';
export type { Fault, FaultSpec } from './faults.js';
export { RESPONSE_URL_FAULT } from './faults.js';
export type { SlackView, StateValues } from './viewStore.js';
export type { EphemeralMessage, MessageMetadata, SlackMessage } from './conversations.js';
export type { ResponseUrlPost, ResponseUrlTarget } from './responseUrls.js';
export type { UploadedFile } from './fileStore.js';
export { SocketAckTimeoutError, type EnvelopeOptions, type EnvelopeType, type SocketAck } from './socketMode.js';
export { ModalIncompleteError, type Answer, type Answers } from './stateValues.js';
export { LIMITS as BLOCK_KIT_LIMITS } from './blockKit.js';
export { TRIGGER_TTL_MS } from './triggers.js';
export { SlackApiError } from './errors.js';
export { DEFAULT_OPENID_CLIENT, OpenIdProvider, type OpenIdClientCredentials } from './openid.js';
export type { JsonObject } from './json.js';
export { startStandaloneEmulator, EMULATOR_SIGNING_SECRET } from './standalone.js';
