#!/usr/bin/env node
// Entry point for `npx lagesbild …`: load the TypeScript sources through tsx so the clone runs as-is.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
