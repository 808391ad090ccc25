#!/usr/bin/env node
// `npm run size`: sizes of the add-in's scripts in dist-addin/, as JSON on stdout.
//
//   npm run build:addin && npm run size
//   node scripts/bundle-size.js --build      runs the production build first (webpack's Node API)
//
// Output:
//   files            every emitted .js file (the local copy of office.js under office-js/, present
//                    only in OFFICE_JS=local builds, is left out: it is Microsoft's), with its raw
//                    size and its size gzipped at level 9, largest first
//   total            the sums over `files`
//   initial          gzipped total of the scripts taskpane.html loads at start (its <script src>)
//   initialRaw       the same, uncompressed
//   initialScripts   those scripts
//   excluded         scripts taskpane.html loads that are not counted: office.js from the CDN (or
//                    its local copy)
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'dist-addin');
const OFFICE_JS_DIR = 'office-js';

function listJs(dir, prefix = '') {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (rel !== OFFICE_JS_DIR) found.push(...listJs(path.join(dir, entry.name), rel));
    } else if (entry.name.endsWith('.js')) {
      found.push(rel);
    }
  }
  return found;
}

function measure(rel) {
  const content = fs.readFileSync(path.join(OUT, rel));
  return { file: rel, raw: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length };
}

/** The src of every <script> of a page, in document order. */
function scriptSources(html) {
  const sources = [];
  const re = /<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
  let m;
  while ((m = re.exec(html))) sources.push(m[1] ?? m[2] ?? m[3]);
  return sources;
}

const isExternal = (src) => /^[a-z][a-z0-9+.-]*:|^\/\//i.test(src);
const isOfficeJs = (src) => isExternal(src) || src.replace(/^\.?\//, '').startsWith(`${OFFICE_JS_DIR}/`);

function report() {
  const page = path.join(OUT, 'taskpane.html');
  if (!fs.existsSync(page)) {
    process.stderr.write(`No ${path.relative(ROOT, page)}: run \`npm run build:addin\` first (or pass --build).\n`);
    process.exit(2);
  }
  if (fs.readdirSync(OUT).some((name) => name.endsWith('.js.map'))) {
    process.stderr.write('Warning: dist-addin/ holds a development build (source maps): run `npm run build:addin` first.\n');
  }
  const files = listJs(OUT)
    .map(measure)
    .sort((a, b) => b.gzip - a.gzip || a.file.localeCompare(b.file));
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });

  const initialScripts = [];
  const excluded = [];
  for (const src of scriptSources(fs.readFileSync(page, 'utf8'))) {
    if (isOfficeJs(src)) {
      excluded.push(src);
      continue;
    }
    const rel = decodeURIComponent(src.split(/[?#]/)[0]).replace(/^\.?\//, '');
    if (!fs.existsSync(path.join(OUT, rel))) {
      process.stderr.write(`taskpane.html loads ${src}, which is not in ${path.relative(ROOT, OUT)}/\n`);
      process.exit(1);
    }
    initialScripts.push(measure(rel));
  }
  const initial = initialScripts.reduce((sum, f) => sum + f.gzip, 0);
  const initialRaw = initialScripts.reduce((sum, f) => sum + f.raw, 0);

  process.stdout.write(
    `${JSON.stringify({ dir: path.relative(ROOT, OUT), files, total, initial, initialRaw, initialScripts, excluded }, null, 2)}\n`,
  );
}

if (process.argv.includes('--build')) {
  const webpack = require('webpack');
  const config = require(path.join(ROOT, 'webpack.config.js'))({}, { mode: 'production' });
  webpack(config, (err, stats) => {
    if (err || stats.hasErrors()) {
      process.stderr.write(`${err ? err.stack || err : stats.toString({ all: false, errors: true })}\n`);
      process.exit(1);
    }
    report();
  });
} else {
  report();
}
