#!/usr/bin/env node
// `npm start`: builds the add-in in development mode (webpack's Node API, watch mode) and serves
// dist-addin/ on https://localhost:3000 with Node's https module, then tells how to sideload
// manifest.xml. Messages are in French: they are read by the people who try the add-in.
//
//   node scripts/serve.js                 build, watch, serve until Ctrl-C
//   node scripts/serve.js --once          build once, serve, answer one health check (made by the
//                                         script itself, through TLS, against its own certificate),
//                                         print the result and exit: 0 when healthy (a smoke test)
//   node scripts/serve.js --self-signed   skip office-addin-dev-certs, use the self-signed fallback
//
// Environment: PORT (default 3000; the manifest says 3000), SUIVI_ESS_SERVE_ONCE=1 (= --once),
// SUIVI_ESS_CERTS=self-signed (= --self-signed), and webpack.config.js's OFFICE_JS / FAKE_HOST.
//
// Certificates: office-addin-dev-certs first (it creates a development CA in
// ~/.office-addin-dev-certs and installs it in the system's trust store, asking for an
// administrator password where needed). When that fails (no trust store, no sudo, a refused
// prompt), a self-signed certificate for localhost is generated with `selfsigned` into the user's
// cache folder (never in the repository) and reused while it is valid; the browser or Office must
// then be told to trust it.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const https = require('https');
const crypto = require('crypto');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'dist-addin');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const HEALTH_PATH = '/healthz';

const args = new Set(process.argv.slice(2));
const ONCE = args.has('--once') || process.env.SUIVI_ESS_SERVE_ONCE === '1';
const SELF_SIGNED_ONLY = args.has('--self-signed') || process.env.SUIVI_ESS_CERTS === 'self-signed';
const PORT = Number(process.env.PORT || 3000);
const HOST = 'localhost';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const say = (line = '') => process.stdout.write(`${line}\n`);
const warn = (line) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------- certificates

function cacheDir() {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  return process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
}

/** Runs fn with console.log/info silenced (office-addin-dev-certs prints English progress lines). */
async function quietly(fn) {
  const saved = { log: console.log, info: console.info };
  console.log = () => {};
  console.info = () => {};
  try {
    return await fn();
  } finally {
    console.log = saved.log;
    console.info = saved.info;
  }
}

async function devCertificates() {
  say('Certificat HTTPS : installation du certificat de développement Office (office-addin-dev-certs)…');
  say('  (un mot de passe administrateur peut vous être demandé)');
  const devCerts = require('office-addin-dev-certs');
  const options = await quietly(() => devCerts.getHttpsServerOptions());
  say('  Certificat de développement installé et approuvé par le système (dossier ~/.office-addin-dev-certs).');
  return { key: options.key, cert: options.cert, ca: options.ca, trusted: true };
}

function usableCertificate(certPem) {
  try {
    const cert = new crypto.X509Certificate(certPem);
    const inADay = Date.now() + 24 * 3600 * 1000;
    return new Date(cert.validTo).getTime() > inADay && cert.checkHost('localhost') === 'localhost';
  } catch {
    return false;
  }
}

async function selfSignedCertificate() {
  const dir = path.join(cacheDir(), 'suivi-ess', 'dev-certs');
  const certFile = path.join(dir, 'localhost.crt');
  const keyFile = path.join(dir, 'localhost.key');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const cert = fs.readFileSync(certFile);
    if (usableCertificate(cert)) return { key: fs.readFileSync(keyFile), cert, ca: cert, trusted: false, certFile };
  }
  const selfsigned = require('selfsigned');
  const notBeforeDate = new Date(Date.now() - 60 * 1000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 3600 * 1000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(certFile, pems.cert);
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  return { key: pems.private, cert: pems.cert, ca: pems.cert, trusted: false, certFile, generated: true };
}

async function certificates() {
  if (!SELF_SIGNED_ONLY) {
    try {
      return await devCertificates();
    } catch (error) {
      const reason = String((error && error.message) || error).split('\n')[0];
      say(`  Impossible d'installer le certificat de développement Office (${reason}).`);
    }
  }
  const creds = await selfSignedCertificate();
  say(
    creds.generated
      ? `Certificat HTTPS : certificat auto-signé pour localhost créé dans ${creds.certFile}`
      : `Certificat HTTPS : certificat auto-signé pour localhost réutilisé (${creds.certFile})`,
  );
  say("  Ni le navigateur ni Office ne lui font confiance par défaut. Pour qu'Excel charge le volet :");
  say(`  - Excel sur le web : ouvrez une fois https://${HOST}:${PORT}${HEALTH_PATH} dans le même navigateur`);
  say("    et acceptez l'avertissement de sécurité (« Paramètres avancés » > « Continuer vers localhost ») ;");
  say('  - Excel pour Windows ou pour Mac : ajoutez ce certificat aux autorités de confiance');
  say('    (Windows : double-cliquez le fichier .crt > Installer le certificat > « Autorités de certification');
  say("    racines de confiance » ; Mac : Trousseaux d'accès > Système > faites-lui « Toujours approuver »).");
  return creds;
}

// ---------------------------------------------------------------- static server

/** The script files a built page loads (relative src only; office.js from the CDN is not ours). */
function pageScripts(html) {
  const scripts = [];
  const re = /<script\b[^>]*\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
  let m;
  while ((m = re.exec(html))) {
    const src = m[1] ?? m[2] ?? m[3];
    if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) scripts.push(src);
  }
  return scripts;
}

function health(state) {
  const problems = [];
  if (state.build !== 'ok') problems.push(`compilation : ${state.build}`);
  for (const page of ['taskpane.html', 'ribbon.html', 'manifest.xml']) {
    const file = path.join(OUT, page);
    if (!fs.existsSync(file)) {
      problems.push(`${page} absent`);
      continue;
    }
    if (page.endsWith('.html')) {
      for (const src of pageScripts(fs.readFileSync(file, 'utf8'))) {
        if (!fs.existsSync(path.join(OUT, decodeURIComponent(src.split(/[?#]/)[0])))) {
          problems.push(`${page} charge ${src}, absent`);
        }
      }
    }
  }
  return { ok: problems.length === 0, build: state.build, problems };
}

function createServer(creds, state) {
  const sockets = new Set();
  const server = https.createServer({ key: creds.key, cert: creds.cert }, (req, res) => {
    const url = new URL(req.url || '/', `https://${HOST}:${PORT}`);
    const common = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...common, Allow: 'GET, HEAD', 'Content-Type': CONTENT_TYPES['.txt'] });
      res.end('Méthode non autorisée\n');
      return;
    }
    if (url.pathname === HEALTH_PATH) {
      const result = health(state);
      res.writeHead(result.ok ? 200 : 503, { ...common, 'Content-Type': CONTENT_TYPES['.json'] });
      res.end(`${JSON.stringify(result)}\n`);
      res.on('finish', () => state.onHealthAnswered(result));
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(302, { ...common, Location: '/taskpane.html' });
      res.end();
      return;
    }
    let relative;
    try {
      relative = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      relative = '\0';
    }
    const file = path.resolve(OUT, relative);
    if (relative.includes('\0') || (file !== OUT && !file.startsWith(OUT + path.sep))) {
      res.writeHead(400, { ...common, 'Content-Type': CONTENT_TYPES['.txt'] });
      res.end('Chemin invalide\n');
      return;
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        const building = state.build === 'en cours';
        res.writeHead(building ? 503 : 404, { ...common, 'Content-Type': CONTENT_TYPES['.txt'] });
        res.end(building ? 'Compilation en cours, réessayez dans un instant.\n' : 'Fichier introuvable\n');
        return;
      }
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { ...common, 'Content-Type': type, 'Content-Length': stat.size });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(file).pipe(res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.closeAll = (done) => {
    server.close(done);
    for (const socket of sockets) socket.destroy();
  };
  return server;
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(PORT, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

// ---------------------------------------------------------------- build

function webpackCompiler() {
  const webpack = require('webpack');
  const makeConfig = require(path.join(ROOT, 'webpack.config.js'));
  return webpack(makeConfig({}, { mode: 'development' }));
}

function reportStats(err, stats, state) {
  if (err) {
    state.build = 'erreur';
    warn('La compilation a échoué :');
    warn(String(err.stack || err));
    return false;
  }
  const info = stats.toJson({ all: false, errors: true, warnings: true, timings: true });
  if (stats.hasErrors()) {
    state.build = 'erreur';
    warn(`La compilation a échoué (${info.errors.length} erreur(s)) :`);
    for (const e of info.errors) warn(`  ${e.moduleName ? `${e.moduleName} : ` : ''}${e.message}`);
    return false;
  }
  state.build = 'ok';
  for (const w of info.warnings || []) warn(`Avertissement : ${w.message}`);
  say(`Compilation terminée en ${info.time} ms (${new Date().toLocaleTimeString('fr-FR')}).`);
  return true;
}

// ---------------------------------------------------------------- instructions

function sideloadInstructions() {
  const url = `https://${HOST}:${PORT}`;
  say('');
  say(`Suivi ESS est servi sur ${url}  (volet : ${url}/taskpane.html)`);
  if (PORT !== 3000) say(`  Attention : manifest.xml attend le port 3000, pas ${PORT}.`);
  say('');
  say(`Pour charger le complément dans Excel, utilisez le manifeste ${MANIFEST} :`);
  say('  • Excel sur le web : ouvrez un classeur, puis Insertion > Compléments > Charger mon complément');
  say('    (selon la version : Accueil > Compléments > Plus de compléments > Mes compléments >');
  say('    Charger mon complément), et choisissez manifest.xml.');
  say('  • Excel pour Windows : partagez un dossier qui contient manifest.xml, ajoutez son chemin réseau');
  say('    (\\\\poste\\dossier) dans Fichier > Options > Centre de gestion de la confidentialité >');
  say('    Paramètres du Centre de gestion de la confidentialité > Catalogues de compléments approuvés,');
  say('    cochez « Afficher dans le menu », redémarrez Excel, puis Insertion > Mes compléments >');
  say('    Dossier partagé. Ou bien, dans un autre terminal :');
  say('      npx office-addin-debugging start manifest.xml');
  say('  • Excel pour Mac : copiez manifest.xml dans');
  say('      ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef');
  say("    (créez le dossier wef s'il n'existe pas), redémarrez Excel, puis Insertion > Mes compléments.");
  say('');
  say("Les boutons « Ouvrir le volet », « Valider » et « Consolider » apparaissent dans l'onglet Accueil,");
  say('groupe « Suivi ESS ».');
}

// ---------------------------------------------------------------- main

function selfHealthCheck(creds) {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: HOST, port: PORT, path: HEALTH_PATH, ca: creds.ca, servername: HOST }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error('délai dépassé')));
  });
}

async function main() {
  const state = { build: 'en cours', onHealthAnswered: () => {} };
  const creds = await certificates();
  const server = createServer(creds, state);
  try {
    await listen(server);
  } catch (error) {
    if (error && error.code === 'EADDRINUSE') {
      warn(`Le port ${PORT} est déjà utilisé : un autre « npm start » tourne peut-être déjà.`);
    } else {
      warn(`Impossible d'ouvrir le serveur HTTPS : ${error && error.message}`);
    }
    process.exit(1);
  }

  const compiler = webpackCompiler();
  say('Compilation du complément (mode développement)…');

  if (ONCE) {
    compiler.run((err, stats) => {
      const built = reportStats(err, stats, state);
      compiler.close(async () => {
        if (!built) {
          server.closeAll(() => process.exit(1));
          return;
        }
        sideloadInstructions();
        let code = 1;
        const answered = new Promise((resolve) => (state.onHealthAnswered = resolve));
        try {
          const { status, body } = await selfHealthCheck(creds);
          await answered;
          say('');
          say(`Vérification de santé ${HEALTH_PATH} : HTTP ${status} ${body.trim()}`);
          code = status === 200 ? 0 : 1;
        } catch (error) {
          warn(`La vérification de santé a échoué : ${error.message}`);
        }
        server.closeAll(() => process.exit(code));
      });
    });
    return;
  }

  let announced = false;
  const watching = compiler.watch({ aggregateTimeout: 200 }, (err, stats) => {
    const built = reportStats(err, stats, state);
    if (built && !announced) {
      announced = true;
      sideloadInstructions();
      say('');
      say('Les fichiers sources sont surveillés : chaque modification recompile. Ctrl-C pour arrêter.');
    }
  });
  compiler.hooks.invalid.tap('serve', () => {
    state.build = 'en cours';
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    say('\nArrêt du serveur…');
    watching.close(() => server.closeAll(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  warn(`Échec du démarrage : ${(error && error.stack) || error}`);
  process.exit(1);
});
