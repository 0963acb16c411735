#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI directly: ts-node compiles on load (transpile only,
// as `npm run typecheck` is where types are checked), so there is no build step.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
require(path.join(root, 'cli', 'main.ts')).run(process.argv.slice(2));
