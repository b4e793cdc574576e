/**
 * Forge entry points, named by the manifest (`handler: index.<name>`). Everything is built over the real
 * platform here; tests build the same handlers over the same platform with the emulators installed.
 */
import { createHandlers } from './handlers';
import { forgePlatform, TRIGGER_RETRY } from './platform';
import { createUiResolver } from './resolvers';

const consumer = createHandlers(() => forgePlatform());
const trigger = createHandlers(() => forgePlatform({ retry: TRIGGER_RETRY }));

export const onIssueCreated = trigger.onIssueCreated;
export const onIssueUpdated = trigger.onIssueUpdated;
export const onIssueCommented = trigger.onIssueCommented;
export const slackWebTrigger = trigger.slackWebTrigger;
export const triageWorker = consumer.triageWorker;
export const workWorker = consumer.workWorker;
export const retrainWorker = consumer.retrainWorker;
export const slaWatch = consumer.slaWatch;
export const retrainDaily = consumer.retrainDaily;
export const uiResolver = createUiResolver(() => forgePlatform({ retry: TRIGGER_RETRY }));
