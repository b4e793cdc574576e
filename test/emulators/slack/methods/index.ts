import type { MethodDef } from '../reply';
import { appsMethods } from './apps';
import { chatMethods } from './chat';
import { conversationMethods } from './conversations';
import { identityMethods } from './identity';
import { oauthMethods } from './oauth';
import { viewMethods } from './views';

/** Every Web API method the emulator answers (README.md lists them, checked by readme.test.ts). */
export const METHODS: Record<string, MethodDef> = {
  ...identityMethods,
  ...conversationMethods,
  ...chatMethods,
  ...viewMethods,
  ...oauthMethods,
  ...appsMethods,
};
