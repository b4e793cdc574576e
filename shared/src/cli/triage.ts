import { readFile, writeFile } from 'node:fs/promises';
import { type Classifier, loadModel } from '../classify';
import { DEFAULT_CONFIG, type Engine, loadConfig, readConfigText, zodIssues } from '../config';
import { InvalidInputError } from '../errors';
import { parseTicket, triage } from '../pipeline';
import { emptyPeopleState, type PeopleState, PeopleStateSchema, recordAssignment } from '../route';
import { parseOptions } from './args';
import { EXIT, fileError, parseJson, readInput } from './io';

export async function engineFrom(path: string | undefined): Promise<Engine> {
  if (path === undefined) return loadConfig(DEFAULT_CONFIG);
  return loadConfig(readConfigText(await readInput(path)));
}

function parseNow(value: string | undefined): number {
  if (value === undefined) return Date.now();
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new InvalidInputError([{ path: '--now', message: 'expected an ISO date-time' }], 'option');
  return ms;
}

/** Round-robin cursors and load live in a small JSON file so a later run continues where this one stopped. */
async function readState(path: string | undefined): Promise<PeopleState> {
  if (path === undefined) return emptyPeopleState();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return emptyPeopleState();
  }
  const parsed = PeopleStateSchema.safeParse(parseJson(text, 'state'));
  if (!parsed.success) throw new InvalidInputError(zodIssues(parsed.error), 'state');
  return parsed.data;
}

/** A model file written by `switchboard train`. */
async function readModel(path: string | undefined): Promise<Classifier | undefined> {
  if (path === undefined) return undefined;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return fileError(e, path, 'model');
  }
  return loadModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export async function triageCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    config: { type: 'string' },
    ticket: { type: 'string' },
    state: { type: 'string' },
    now: { type: 'string' },
    model: { type: 'string' },
  });
  const engine = await engineFrom(values.config);
  const now = parseNow(values.now);
  const ticket = parseTicket(parseJson(await readInput(values.ticket), 'ticket'));
  const people = await readState(values.state);
  const classifier = await readModel(values.model);
  const decision = triage(ticket, { engine, now, people, classifier });
  if (values.state !== undefined && decision.assignee.id !== null) {
    const next = recordAssignment(people, decision.team.name, decision.assignee.id);
    await writeFile(values.state, `${JSON.stringify(next, null, 2)}\n`);
  }
  process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
  return EXIT.ok;
}
