#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so there is no build step between a change and `npx switchboard`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
