import { describe } from 'vitest';
import { stores } from '../../slack-app/test/store/stores';
import { approvalScenarios } from './scenarios/approvals';
import { pairingScenarios } from './scenarios/pairing';
import { requestScenarios } from './scenarios/requests';
import { e2eWorld } from './world';

/**
 * One world per store the Slack service runs on (PGlite, and PostgreSQL where a server is reachable; under CI it
 * must be), each running every scenario in order. The scenarios share the world's pairing and links.
 */
describe.each(stores)('Forge app and Slack service together, Slack on $name', (variant) => {
  const w = e2eWorld(variant);
  pairingScenarios(w);
  requestScenarios(w);
  approvalScenarios(w);
});
