import { afterAll, beforeAll, expect } from 'vitest';
import { SETUP_TIMEOUT_MS, type StoreVariant, TEST_KEY, useStore } from '../store/stores';
import { type Rig, type RigOptions, startRig } from './rig';

/**
 * The variant's store and a rig on it for the enclosing describe; every test of it is skipped when the variant
 * is unavailable (useStore). `started` gets the rig once it is up and may set more up on it. On the way out,
 * every Slack call the service made must have kept to Slack's spec (the emulator checks each against it), and
 * `closed` may check more.
 */
export function useRig(
  variant: StoreVariant,
  options: RigOptions,
  started: (rig: Rig) => void | Promise<void>,
  closed?: (rig: Rig) => void,
): void {
  const store = useStore(variant);
  let rig: Rig | undefined;
  beforeAll(async () => {
    if (variant.skipReason) return;
    rig = await startRig(store().db, TEST_KEY, options);
    await started(rig);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    if (!rig) return;
    await rig.close();
    expect(rig.specFailures()).toEqual([]);
    closed?.(rig);
  }, SETUP_TIMEOUT_MS);
}
