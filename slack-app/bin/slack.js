#!/usr/bin/env node
// Runs the TypeScript service through tsx's loader, as shared/bin/switchboard.js does for the CLI: no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.env);
