#!/usr/bin/env node
'use strict';
// Runs the compiled CLI: dist/, which the published package ships (built by
// prepack); in a clone, `npm run build` makes it.
const path = require('node:path');

let cli;
try {
  cli = require(path.join(__dirname, '..', 'dist', 'cli', 'main.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(path.join('dist', 'cli', 'main.js'))) {
    process.stderr.write('dmaconform: the package is not built (no dist/): run `npm run build` in it\n');
    process.exit(2);
  }
  throw e;
}
cli.run(process.argv.slice(2));
