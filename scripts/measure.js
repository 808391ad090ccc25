#!/usr/bin/env node
'use strict';
// Runs the command line in this process, then prints its peak memory (maxRSS, kB) on fd 3,
// so that the benchmark can time `suivi-ess` as a whole process and know its memory.
const fs = require('fs');
process.on('exit', () => {
  try {
    fs.writeSync(3, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }) + '\n');
  } catch {
    /* fd 3 not open: nothing to report */
  }
});
require('../dist/faces/cli/main.js').run(process.argv.slice(2));
