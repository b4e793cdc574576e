/** Public surface of the Forge platform emulator (see README.md). */
export { ForgeEmulator, type ForgeEmulatorOptions } from './emulator';
export type { AttributeType, EntityDefinition, IndexDefinition } from './entities';
export {
  type ChangelogItem,
  type IssueEvent,
  type IssueEventType,
  issueCommentedEvent,
  issueCreatedEvent,
  issueUpdatedEvent,
} from './events';
export type { ForgeCall, ForgeTarget } from './fetch';
export type { KvsState, StoredItem, Table } from './kvs-store';
export type { DeliveryResult, QueuedEvent, RetryContext } from './queue';
export type { WebTriggerHandler, WebTriggerRequest } from './web-triggers';
