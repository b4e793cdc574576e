import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SpecValidator } from './types';
import { createSpecValidator } from './validator';

/**
 * Atlassian's Jira Cloud platform REST v3 spec, kept next to the repository (see its SPEC-NOTE.txt):
 * <repo>/../shared/specs/jira/platform-swagger.v3.json, this file being <repo>/test/emulators/jira/spec/load.ts.
 */
export const DEFAULT_JIRA_SPEC_PATH = fileURLToPath(
  new URL('../../../../../shared/specs/jira/platform-swagger.v3.json', import.meta.url),
);

const loaded = new Map<string, SpecValidator>();

/** The validator for a spec file, built once per process (parsing and registering 2.4 MB is not free). */
export function loadJiraSpec(path: string = DEFAULT_JIRA_SPEC_PATH): SpecValidator {
  let v = loaded.get(path);
  if (!v) {
    v = createSpecValidator(readFileSync(path, 'utf8'));
    loaded.set(path, v);
  }
  return v;
}
