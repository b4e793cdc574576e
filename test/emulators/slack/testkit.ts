import { type Logger, LogLevel, WebClient } from '@slack/web-api';
import { expect } from 'vitest';
import { SlackEmulator, type SlackEmulatorOptions } from './emulator';
import { checkCall } from './spec';
import type { SlackCall } from './types';

/** Test harness: an emulator on an injected clock, WebClients pointed at it, and the spec check of every call. */

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** WebClient logs Slack's `response_metadata` messages as errors; tests that provoke them assert them instead. */
const quiet: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

export class Harness {
  time = T0;
  private readonly exempt = new Set<SlackCall>();

  private constructor(readonly emu: SlackEmulator) {}

  static async start(o: Omit<SlackEmulatorOptions, 'now'> = {}): Promise<Harness> {
    let harness: Harness | undefined;
    const emu = await SlackEmulator.start({ seed: 7, ...o, now: () => harness?.time ?? T0 });
    harness = new Harness(emu);
    return harness;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  /** The real WebClient: no retries, rate limits surface as errors at once, quiet logs. */
  client(token?: string): WebClient {
    return new WebClient(token, {
      slackApiUrl: this.emu.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: quiet,
    });
  }

  /** Spec errors of the last call, which the test sent invalid on purpose; it is left out of `checkAll`. */
  invalidLast(): string[] {
    const call = this.emu.calls.at(-1);
    if (!call) throw new Error('no call recorded');
    this.exempt.add(call);
    return checkCall(call);
  }

  /** Every other recorded call passes the spec check. */
  checkAll(): void {
    const failures = this.emu.calls.filter((c) => !this.exempt.has(c)).flatMap((c) => checkCall(c));
    expect(failures).toEqual([]);
  }

  async close(): Promise<void> {
    await this.emu.close();
  }
}

/** The Slack error code of a rejected WebClient call (`data.error` of a platform error). */
export async function slackError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const data = (e as { data?: { error?: string } }).data;
    if (data?.error) return data.error;
    throw e;
  }
  throw new Error('expected the call to fail');
}
