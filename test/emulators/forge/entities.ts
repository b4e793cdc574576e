import { isRecord } from './http';
import { badRequest, KvsFailure } from './kvs-store';

/**
 * Custom entities as declared in the manifest's `app.storage.entities`: names, typed attributes and indexes.
 * Rules and codes: https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-customentities/
 * and https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-custom-entities/
 */

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

/** Manifest form: a bare attribute name is an index of that name ranging over that attribute. */
export type IndexDefinition = string | { name: string; range: string[]; partition?: string[] };

export interface EntityDefinition {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes?: IndexDefinition[];
}

export interface ResolvedIndex {
  name: string;
  range: string;
  partition: string[];
}

/** Entity name length and syntax (ENTITY_TYPE_TOO_SHORT / _TOO_LARGE / INVALID_ENTITY_TYPE). */
export const MIN_ENTITY_NAME = 3;
export const MAX_ENTITY_NAME = 60;
export const ENTITY_NAME_PATTERN = /^(?![.-])(?!.*\.{2})[a-z0-9:\-.]*(?<![.])$/;
/** `integer` attributes are 32-bit signed (custom entities reference, "Stored entity values"). */
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function resolveIndex(i: IndexDefinition): ResolvedIndex {
  if (typeof i === 'string') return { name: i, range: i, partition: [] };
  const [range, ...extra] = i.range;
  if (range === undefined || extra.length > 0) throw new Error(`index ${i.name}: range must name one attribute`);
  return { name: i.name, range, partition: i.partition ?? [] };
}

function nameFailure(name: string): KvsFailure | undefined {
  if (name.length < MIN_ENTITY_NAME)
    return new KvsFailure(
      400,
      'ENTITY_TYPE_TOO_SHORT',
      `The provided key needs to be more than ${MIN_ENTITY_NAME} characters.`,
    );
  if (name.length > MAX_ENTITY_NAME)
    return new KvsFailure(
      400,
      'ENTITY_TYPE_TOO_LARGE',
      `The provided key has exceeded the maximum ${MAX_ENTITY_NAME} characters.`,
    );
  if (!ENTITY_NAME_PATTERN.test(name))
    return new KvsFailure(
      400,
      'INVALID_ENTITY_TYPE',
      `The provided key does not match the regex: ${ENTITY_NAME_PATTERN}`,
    );
  return undefined;
}

function fitsType(type: AttributeType, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return Number.isInteger(v) && (v as number) >= INT32.min && (v as number) <= INT32.max;
    case 'float':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'any':
      return true;
  }
}

export class EntityCatalog {
  private readonly byName = new Map<string, { def: EntityDefinition; indexes: ResolvedIndex[] }>();

  /** Bad definitions are a test-setup mistake, so they throw here rather than answer as the service would. */
  constructor(definitions: EntityDefinition[]) {
    for (const def of definitions) {
      const bad = nameFailure(def.name);
      if (bad) throw new Error(`entity ${def.name}: ${bad.message}`);
      const indexes = (def.indexes ?? []).map(resolveIndex);
      for (const ix of indexes)
        for (const a of [ix.range, ...ix.partition])
          if (!def.attributes[a]) throw new Error(`entity ${def.name}, index ${ix.name}: no attribute ${a}`);
      this.byName.set(def.name, { def, indexes });
    }
  }

  definition(name: unknown): EntityDefinition {
    if (typeof name !== 'string') throw badRequest();
    const bad = nameFailure(name);
    if (bad) throw bad;
    const found = this.byName.get(name);
    if (!found)
      throw new KvsFailure(400, 'INVALID_ENTITY_TYPE', `Entity ${name} is not declared in app.storage.entities`);
    return found.def;
  }

  index(def: EntityDefinition, name: unknown): ResolvedIndex {
    const ix = this.byName.get(def.name)?.indexes.find((i) => i.name === name);
    if (!ix) throw new KvsFailure(400, 'INVALID_ENTITY_INDEX', `Entity ${def.name} has no index ${String(name)}`);
    return ix;
  }

  /**
   * Entity values are objects whose attributes match their declared types. Undeclared attributes are refused
   * too (our choice: stricter than documented, so a typo in the app fails a test instead of vanishing).
   */
  checkValue(def: EntityDefinition, value: unknown): unknown {
    if (!isRecord(value)) throw invalidValue(`${def.name} values must be objects`);
    for (const [attr, v] of Object.entries(value)) {
      const declared = def.attributes[attr];
      if (!declared) throw invalidValue(`${def.name} has no attribute ${attr}`);
      if (!fitsType(declared.type, v)) throw invalidValue(`${def.name}.${attr} must be ${declared.type}`);
    }
    return value;
  }
}

const invalidValue = (detail: string) =>
  new KvsFailure(
    400,
    'INVALID_ENTITY_VALUE',
    `Entity values must match one of the types defined in Custom Entities: ${detail}`,
  );
