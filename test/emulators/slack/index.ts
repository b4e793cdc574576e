/** Public surface of the Slack Web API emulator (see README.md). */
export {
  HEADER_TEXT_LIMIT,
  MESSAGE_BLOCK_LIMIT,
  PRIVATE_METADATA_LIMIT,
  SECTION_TEXT_LIMIT,
  VIEW_BLOCK_LIMIT,
  VIEW_BUTTON_TEXT_LIMIT,
} from './blocks';
export { MESSAGE_TEXT_LIMIT } from './content';
export { SlackEmulator, type SlackEmulatorOptions } from './emulator';
export { VIEW_STACK_LIMIT } from './methods/views';
export { DEFAULT_POST_LIMIT, type PostLimit } from './rate-limit';
export { SOCKET_TICKET_TTL_MS } from './socket-mode';
export { checkCall, DEFAULT_SLACK_SPEC_PATH, loadSlackSpec, type SlackSpec } from './spec';
export type { AppCredentials } from './state';
export { OAUTH_CODE_TTL_MS, RESPONSE_URL_TTL_MS, RESPONSE_URL_USES, TRIGGER_TTL_MS } from './tickets';
export type {
  ArgEncoding,
  Fault,
  FaultInjector,
  FaultKind,
  FaultRule,
  ResponseUrlPost,
  SlackCall,
  SocketAck,
  SocketDisconnectReason,
  SocketEnvelope,
  SocketEnvelopeType,
  SocketMode,
  StoredMessage,
  StoredView,
  Workspace,
} from './types';
