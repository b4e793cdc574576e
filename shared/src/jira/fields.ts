import { InvalidInputError, SwitchboardError } from '../errors';
import type { Clock } from '../ports';

/** The part of Jira's FieldDetails the adapter uses. */
export interface FieldInfo {
  id: string;
  name: string;
  custom: boolean;
  /** `schema.type`: string, number, option, array, user, any, ... */
  type: string | undefined;
  /** `schema.items` for arrays. */
  items: string | undefined;
}

/** Field definitions change rarely; a site's admin adding one shows up within this time. */
export const FIELD_CACHE_TTL_MS = 10 * 60_000;

/**
 * Custom field ids differ per site (DESIGN §5), so fields are named in config and resolved here, once per
 * site per TTL. Concurrent first calls share one request.
 */
export class FieldCatalog {
  private loaded: { at: number; byName: Map<string, FieldInfo[]>; byId: Map<string, FieldInfo> } | undefined;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly load: () => Promise<FieldInfo[]>,
    private readonly clock: Clock,
    private readonly ttlMs = FIELD_CACHE_TTL_MS,
  ) {}

  /** The field called `name` (case ignored). Unknown or ambiguous names are the admin's to fix: invalid input. */
  async byName(name: string): Promise<FieldInfo> {
    const { byName } = await this.fresh();
    const found = byName.get(name.toLowerCase()) ?? [];
    if (found.length === 1) return found[0] as FieldInfo;
    if (found.length === 0) {
      throw new InvalidInputError(
        [{ path: name, message: 'no field of that name on this Jira site' }],
        'field mapping',
      );
    }
    throw new InvalidInputError(
      [
        {
          path: name,
          message: `${found.length} fields share this name (${found.map((f) => f.id).join(', ')}); rename one in Jira`,
        },
      ],
      'field mapping',
    );
  }

  /** Like byName, but undefined when the site has no such field (optional fields such as JSM's Request Type). */
  async maybeByName(name: string): Promise<FieldInfo | undefined> {
    const { byName } = await this.fresh();
    const found = byName.get(name.toLowerCase()) ?? [];
    return found.length === 1 ? found[0] : undefined;
  }

  /** Every field of the site, in Jira's order. */
  async all(): Promise<FieldInfo[]> {
    return [...(await this.fresh()).byId.values()];
  }

  async byId(id: string): Promise<FieldInfo | undefined> {
    return (await this.fresh()).byId.get(id);
  }

  /** After Jira refuses a field id (deleted and recreated), the next call reloads. */
  invalidate(): void {
    this.loaded = undefined;
  }

  private async fresh() {
    const now = this.clock.now();
    if (this.loaded && now - this.loaded.at < this.ttlMs) return this.loaded;
    this.pending ??= this.load()
      .then((fields) => {
        const byName = new Map<string, FieldInfo[]>();
        const byId = new Map<string, FieldInfo>();
        for (const f of fields) {
          const k = f.name.toLowerCase();
          byName.set(k, [...(byName.get(k) ?? []), f]);
          byId.set(f.id, f);
        }
        this.loaded = { at: now, byName, byId };
      })
      .finally(() => {
        this.pending = undefined;
      });
    await this.pending;
    if (!this.loaded) throw new SwitchboardError('unavailable', 'field catalog could not be loaded');
    return this.loaded;
  }
}

/** A custom field value in the shape Jira's edit API takes for that field's type. */
export function formatFieldValue(field: FieldInfo, value: unknown): unknown {
  if (value === null) return null;
  const one = (v: unknown, type: string | undefined): unknown => {
    if (type === 'option') return typeof v === 'string' ? { value: v } : v;
    if (type === 'user') return typeof v === 'string' ? { accountId: v } : v;
    if (type === 'number' && typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    return v;
  };
  if (field.type === 'array') return (Array.isArray(value) ? value : [value]).map((v) => one(v, field.items));
  return one(value, field.type);
}

/** A custom field's value as read, reduced to something a rule can compare: option/user/request type by name. */
export function readFieldValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(readFieldValue);
  if (typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  const rt = v.requestType as { name?: unknown } | undefined;
  if (rt && typeof rt.name === 'string') return rt.name;
  for (const k of ['value', 'name', 'displayName', 'key']) if (typeof v[k] === 'string') return v[k];
  return value;
}
