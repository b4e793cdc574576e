// Offline checks of the Forge manifest (DESIGN §5): what `forge lint` and `forge deploy` would refuse, without
// login or network, so CI catches it. `forge lint` itself needs login; here we run its offline parts directly.
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  getClientSideLintersOnly,
  type LintResultRule,
  PermissionLinter,
  parseSourceFile,
  tsParser,
} from '@forge/lint';
import { DeprecatedCspPermissionsManifestLinter } from '@forge/lint/out/lint/linters/manifest-linter/deprecated-csp-permissions-manifest-linter';
import { DeprecatedEgressPermissionsManifestLinter } from '@forge/lint/out/lint/linters/manifest-linter/deprecated-egress-permissions-manifest-linter';
import {
  type LintOptions,
  type ManifestSchema,
  ProcessorBuilder,
  type ValidationError,
  ValidationTypes,
} from '@forge/manifest';
import { beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Validate through the symlink `forge deploy` reads: handler and resource paths resolve from its directory.
const MANIFEST = path.join(APP_DIR, 'manifest.yml');
const SOURCE_OF_TRUTH = path.resolve(APP_DIR, '../manifests/jira-app.yml');
const INDEX = path.join(APP_DIR, 'src/index.ts');

// The CLI fills this from a remote feature flag (StatsigService.getDeprecatedRuntimes), which needs the network.
// One options object for every processor: ProcessorBuilder caches by type + options, and each build compiles
// the whole manifest JSON schema (about 1.5 s).
const LINT_OPTIONS: LintOptions = { deprecatedRuntimes: [] };
const offlineStatsig = { getDeprecatedRuntimes: async () => LINT_OPTIONS.deprecatedRuntimes ?? [] };

// Not exported by the package (its `exports` map hides it); this is the file ProductTriggerScopesValidator uses.
const EVENT_SCOPE_MAPPING = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@forge/manifest')),
  'mapping/product-event-to-scope-mapping.json',
);

interface EventScopes {
  productEvent: string;
  oAuthScopes: { current?: string[]; beta?: string[] };
}

function validate(type: ValidationTypes) {
  return ProcessorBuilder.instance().withValidation(type).withOptions(LINT_OPTIONS).build().process(MANIFEST);
}

// Errors fail; so does the deprecated string form of egress, which the validator only warns about.
function blocking(errors: ValidationError[] | undefined): string[] {
  return (errors ?? [])
    .filter((e) => e.level === 'error' || e.metadata?.hasDeprecatedEgressPermissions === true)
    .map((e) => `${e.level} at line ${e.line ?? '?'}: ${e.message} [${e.reference}]`);
}

function scopeNames(scopes: unknown): string[] {
  if (Array.isArray(scopes)) return scopes.filter((s): s is string => typeof s === 'string');
  return scopes && typeof scopes === 'object' ? Object.keys(scopes) : [];
}

function eventNames(events: unknown[]): string[] {
  return events.map((e) => (typeof e === 'string' ? e : String((e as { eventType?: unknown }).eventType)));
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(t|j)sx?$/.test(entry.name) ? [full] : [];
  });
}

let manifest: ManifestSchema;

beforeAll(async () => {
  const full = await validate(ValidationTypes.FULL);
  const content = full.manifestObject?.typedContent;
  if (!content) throw new Error(`manifest.yml could not be parsed:\n${blocking(full.errors).join('\n')}`);
  manifest = content as ManifestSchema;
});

describe('jira-app manifest', () => {
  it('jira-app/manifest.yml is a relative symlink to manifests/jira-app.yml', () => {
    expect(lstatSync(MANIFEST).isSymbolicLink(), 'jira-app/manifest.yml must be a symlink, not a copy').toBe(true);
    expect(path.isAbsolute(readlinkSync(MANIFEST)), 'an absolute link breaks in other checkouts').toBe(false);
    expect(realpathSync(MANIFEST)).toBe(realpathSync(SOURCE_OF_TRUTH));
  });

  it('passes @forge/manifest FULL validation', async () => {
    const result = await validate(ValidationTypes.FULL);
    expect(blocking(result.errors)).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('passes @forge/manifest PRODUCT_TRIGGER validation', async () => {
    const result = await validate(ValidationTypes.PRODUCT_TRIGGER);
    expect(blocking(result.errors)).toEqual([]);
    expect(result.success).toBe(true);
  });

  // The validator accepts any event name, so a misspelt event deploys and simply never fires.
  it('subscribes only to known product events and holds the scopes each one requires', () => {
    const mapping = (JSON.parse(readFileSync(EVENT_SCOPE_MAPPING, 'utf8')) as { mapping: EventScopes[] }).mapping;
    const declared = scopeNames(manifest.permissions?.scopes);
    const triggers = manifest.modules?.trigger ?? [];
    expect(triggers.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const trigger of triggers) {
      for (const event of eventNames(trigger.events)) {
        const entry = mapping.find((m) => m.productEvent === event);
        if (!entry) {
          problems.push(`${trigger.key}: unknown product event '${event}'`);
          continue;
        }
        for (const scope of entry.oAuthScopes.current ?? []) {
          if (!declared.includes(scope)) problems.push(`${trigger.key}: '${event}' needs scope '${scope}'`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('egresses only to the Slack service, in the object form', () => {
    const backend = manifest.permissions?.external?.fetch?.backend;
    expect(backend).toEqual([{ address: expect.stringMatching(/^https:\/\/[^/\s]+$/) }]);
  });

  it('points every resource at an existing file', () => {
    const missing = (manifest.resources ?? []).filter((r) => !existsSync(path.join(APP_DIR, r.path)));
    expect(missing.map((r) => `${r.key}: ${r.path}`)).toEqual([]);
  });

  it('names an exported function of src/index.ts for every function handler', async () => {
    expect(existsSync(INDEX), 'jira-app/src/index.ts is missing: it must export every manifest handler').toBe(true);
    const exported = (await import(INDEX)) as Record<string, unknown>;
    const problems: string[] = [];
    for (const fn of manifest.modules?.function ?? []) {
      const [file, method = ''] = fn.handler.split('.');
      if (file !== 'index') problems.push(`${fn.key}: handler '${fn.handler}' is not in src/index.ts`);
      else if (typeof exported[method] !== 'function') problems.push(`${fn.key}: index.${method} is not exported`);
    }
    expect(problems).toEqual([]);
  });

  it('passes the client-side forge lint (its offline linters)', async () => {
    const logged: string[] = [];
    const logger = { info: (message: string) => void logged.push(message) };
    const statsig = offlineStatsig as unknown as Parameters<typeof getClientSideLintersOnly>[3];
    const linters = (await getClientSideLintersOnly(manifest, 'development', logger, statsig)).filter(
      (linter) =>
        // Downloads the product REST specs, which needs login.
        !(linter instanceof PermissionLinter) &&
        // Each runs a subset of the FULL processor's validators (schema + permissions, schema + resources) and
        // reports only the rules the FULL test above already fails on; skipping them saves two schema compiles.
        !(linter instanceof DeprecatedEgressPermissionsManifestLinter) &&
        !(linter instanceof DeprecatedCspPermissionsManifestLinter),
    );

    // The manifest linters read ./manifest.yml and the parser resolves paths from the working directory, as
    // when `forge lint` runs in the app directory. Vitest's default forks pool allows chdir.
    const cwd = process.cwd();
    process.chdir(APP_DIR);
    const problems: string[] = [];
    const warnings: string[] = [];
    try {
      const files = sourceFiles(path.join(APP_DIR, 'src')).map((f) =>
        path.relative(APP_DIR, f).split(path.sep).join('/'),
      );
      const inputs = await Promise.all(files.map((f) => parseSourceFile(f, tsParser)));
      for (const linter of linters) {
        await linter.bootstrap();
        for (const result of await linter.batchExecute(inputs)) {
          const format = (rule: LintResultRule) =>
            `${linter.constructor.name} ${result.file}:${rule.line}:${rule.column} ${rule.message} [${rule.reference}]`;
          problems.push(...result.errors.map(format), ...result.approvals.map(format));
          for (const warning of result.warnings) {
            (warning.metadata?.hasDeprecatedEgressPermissions ? problems : warnings).push(format(warning));
          }
        }
      }
    } finally {
      process.chdir(cwd);
    }
    // A linter that throws is only logged by the library, which would make this test pass silently.
    expect(logged, 'a linter failed to run').toEqual([]);
    expect(problems, `warnings:\n${warnings.join('\n') || '(none)'}`).toEqual([]);
  });
});
