// Builds the Excel add-in into dist-addin/: the task pane (React) and the ribbon buttons' function
// file, their HTML pages, office.js (CDN or a local copy), the icons and the manifest.
//
//   npx webpack --mode production                  production build (office.js from Microsoft's CDN)
//   npx webpack --mode development                 development build (office.js copied locally)
//   npm start                                      development build in watch mode, served over HTTPS
//
// Options, from the environment or `--env NAME=value`:
//   OFFICE_JS=cdn|local  where the pages load office.js from. Default: cdn in production (a store
//                        requirement), local in development (copied from @microsoft/office-js).
//   FAKE_HOST=1          load the `fake-host` entry (tests/e2e/fake-host.ts) instead of office.js,
//                        before the app's scripts (end-to-end tests in a plain browser).
//   ADDIN_URL=https://…/ where the add-in is hosted: replaces https://localhost:3000/ in the copied
//                        manifest.xml. Default: leave localhost.
'use strict';

const fs = require('fs');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const devCerts = require('./scripts/dev-certs');

const ROOT = __dirname;
const OUT = path.join(ROOT, 'dist-addin');
const DEV_URL = 'https://localhost:3000/';
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_DIST = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
/** Folder of the output where the local copy of office.js and its sibling files go. */
const OFFICE_JS_DIR = 'office-js';

/** The files of @microsoft/office-js that office.js loads for Excel (no debug builds, no maps). */
function officeJsFiles() {
  const files = ['office.js', 'o15apptofilemappingtable.js', 'telemetry/oteljs_agave.js'];
  for (const name of fs.readdirSync(OFFICE_JS_DIST)) {
    if (/^excel[a-z0-9.-]*\.js$/.test(name) && !name.endsWith('.debug.js')) files.push(name);
  }
  for (const locale of ['en-us', 'fr-fr']) {
    for (const name of fs.readdirSync(path.join(OFFICE_JS_DIST, locale))) {
      if (name.endsWith('.js') && !name.endsWith('.debug.js')) files.push(`${locale}/${name}`);
    }
  }
  return files.map((file) => ({ from: path.join(OFFICE_JS_DIST, file), to: `${OFFICE_JS_DIR}/${file}` }));
}

function normalizeAddinUrl(value) {
  if (!value) return DEV_URL;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADDIN_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:') throw new Error(`ADDIN_URL must be an https:// URL (Office requires it): ${value}`);
  if (url.search || url.hash) throw new Error(`ADDIN_URL must not have a query or a fragment: ${value}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The manifest as served from `addinUrl`: every https://localhost:3000/ prefix replaced. */
function rewriteManifest(xml, addinUrl) {
  return xml.split(DEV_URL).join(addinUrl);
}

/**
 * Emits files that are not modules (manifest, icons, office.js) as assets of the compilation, so
 * that they are part of `clean`, of watch mode and of the stats. `transform` may rewrite a file.
 */
class EmitFilesPlugin {
  constructor(getFiles, { watch = [], watchDirs = [] } = {}) {
    this.getFiles = getFiles;
    this.watch = watch;
    this.watchDirs = watchDirs;
    this.cache = new Map(); // from → { mtimeMs, content }: office.js's ~10 MB are read once per run
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('EmitFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'EmitFilesPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const dir of this.watchDirs) compilation.contextDependencies.add(dir);
        for (const file of this.watch) compilation.fileDependencies.add(file);
        for (const { from, to, transform } of this.getFiles()) {
          const { mtimeMs } = fs.statSync(from);
          let cached = this.cache.get(from);
          if (!cached || cached.mtimeMs !== mtimeMs) {
            cached = { mtimeMs, content: fs.readFileSync(from) };
            this.cache.set(from, cached);
          }
          const content = transform ? transform(cached.content) : cached.content;
          // `minimized` keeps Terser away from scripts that are already final (office.js).
          const info = to.endsWith('.js') ? { copied: true, minimized: true } : { copied: true };
          compilation.emitAsset(to, new sources.RawSource(content), info);
        }
      });
    });
  }
}

/** Puts office.js first in the head of every page, as a classic blocking script. */
class OfficeJsTagPlugin {
  constructor(src) {
    this.src = src;
  }

  apply(compiler) {
    compiler.hooks.compilation.tap('OfficeJsTagPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('OfficeJsTagPlugin', (data) => {
        data.headTags.unshift(HtmlWebpackPlugin.createHtmlTagObject('script', { src: this.src }));
        return data;
      });
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const option = (name) => (env[name] !== undefined ? String(env[name]) : process.env[name]);
  const mode = argv.mode || 'production';
  const production = mode === 'production';
  const fakeHost = ['1', 'true', 'yes'].includes(String(option('FAKE_HOST') || '').toLowerCase());
  const officeJs = option('OFFICE_JS') || (production ? 'cdn' : 'local');
  if (officeJs !== 'cdn' && officeJs !== 'local') throw new Error(`OFFICE_JS must be "cdn" or "local", not "${officeJs}"`);
  // `npm start` on another port (PORT=3100) serves a manifest that names that port.
  const port = Number(process.env.PORT || 3000);
  const addinUrl = normalizeAddinUrl(option('ADDIN_URL') || (env.WEBPACK_SERVE && port !== 3000 ? `https://localhost:${port}/` : ''));

  const entry = {
    taskpane: './src/faces/taskpane/index.tsx',
    ribbon: './src/faces/ribbon/ribbon.ts',
  };
  if (fakeHost) {
    const fakeHostSource = path.join(ROOT, 'tests/e2e/fake-host.ts');
    if (!fs.existsSync(fakeHostSource)) throw new Error(`FAKE_HOST=1 needs ${path.relative(ROOT, fakeHostSource)}`);
    entry['fake-host'] = './tests/e2e/fake-host.ts';
  }

  const page = (name, template) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template,
      // Only this page's own entry; the fake host, when there is one, runs first.
      chunks: fakeHost ? ['fake-host', name] : [name],
      chunksSortMode: 'manual',
      inject: 'head',
      scriptLoading: 'defer',
    });

  const emitted = () => {
    const files = [
      {
        from: path.join(ROOT, 'manifest.xml'),
        to: 'manifest.xml',
        transform: (content) => Buffer.from(rewriteManifest(content.toString('utf8'), addinUrl), 'utf8'),
      },
    ];
    for (const name of fs.readdirSync(path.join(ROOT, 'assets'))) {
      files.push({ from: path.join(ROOT, 'assets', name), to: `assets/${name}` });
    }
    if (!fakeHost && officeJs === 'local') files.push(...officeJsFiles());
    return files;
  };

  const plugins = [
    page('taskpane', './src/faces/taskpane/taskpane.html'),
    page('ribbon', './src/faces/ribbon/ribbon.html'),
    new EmitFilesPlugin(emitted, {
      watch: [path.join(ROOT, 'manifest.xml')],
      watchDirs: [path.join(ROOT, 'assets')],
    }),
  ];
  if (!fakeHost) plugins.push(new OfficeJsTagPlugin(officeJs === 'cdn' ? OFFICE_JS_CDN : `${OFFICE_JS_DIR}/office.js`));

  return {
    mode,
    context: ROOT,
    target: ['web', 'es2020'],
    devtool: production ? false : 'source-map',
    entry,
    output: {
      path: OUT,
      filename: '[name].[contenthash].js',
      chunkFilename: '[name].[contenthash].js',
      publicPath: '', // relative to the page: works on localhost and under any ADDIN_URL path
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Types are checked separately: npx tsc -p tsconfig.addin.json --noEmit
            options: { configFile: path.join(ROOT, 'tsconfig.addin.json'), transpileOnly: true },
          },
        },
      ],
    },
    optimization: {
      // Dynamic import() chunks become their own files; each page's initial code is its entry.
      splitChunks: { chunks: 'async' },
      // One small runtime shared by the entries of a page (the fake host and the app share modules
      // and chunk loading), so that a change in one chunk does not rewrite the others' hashes.
      runtimeChunk: 'single',
    },
    performance: {
      // Budget of a page's initial scripts, uncompressed (React + Fluent UI + the core);
      // `npm run size` gives the gzipped figures.
      hints: production ? 'warning' : false,
      maxEntrypointSize: 600 * 1024,
      maxAssetSize: 600 * 1024,
      assetFilter: (file) => file.endsWith('.js') && !file.startsWith(`${OFFICE_JS_DIR}/`),
    },
    plugins,
    // `npm start`: webpack-dev-server over HTTPS on localhost:3000, the port the manifest names
    // (PORT=… serves elsewhere, with the manifest rewritten to match).
    devServer: env.WEBPACK_SERVE
      ? {
          port,
          host: 'localhost',
          headers: { 'Access-Control-Allow-Origin': '*' },
          server: { type: 'https', options: await devCerts.httpsOptions() },
          static: false,
          client: { overlay: false },
          setupMiddlewares: (middlewares, server) => {
            // A health check for the smoke test of `npm start`.
            server.app.get('/healthz', (_req, res) => res.json({ ok: true }));
            return middlewares;
          },
          onListening: () => devCerts.sideloadInstructions(`https://localhost:${port}`, path.join(ROOT, 'manifest.xml')),
        }
      : undefined,
  };
};

// For tests and scripts.
module.exports.DEV_URL = DEV_URL;
module.exports.OUT = OUT;
module.exports.rewriteManifest = rewriteManifest;
module.exports.normalizeAddinUrl = normalizeAddinUrl;
