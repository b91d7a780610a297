import { appsMethods } from './apps.js';
import { authMethods } from './auth.js';
import { chatMethods } from './chat.js';
import { conversationMethods } from './conversations.js';
import { fileMethods } from './files.js';
import type { MethodSpec } from './types.js';
import { userMethods } from './users.js';
import { viewMethods } from './views.js';

export type { MethodHandler, MethodSpec } from './types.js';

export const METHODS: Record<string, MethodSpec> = {
  ...authMethods,
  ...appsMethods,
  ...chatMethods,
  ...conversationMethods,
  ...fileMethods,
  ...userMethods,
  ...viewMethods,
};
