'use strict';
/**
 * HTTPS for `npm start` (webpack-dev-server): the Office development certificates of
 * office-addin-dev-certs, as Microsoft's add-in template does (a development CA installed in the
 * system's trust store, asking for an administrator password where needed). Where that cannot be
 * done (no trust store, no sudo, a refused prompt, or SUIVI_ESS_CERTS=self-signed), a self-signed
 * certificate for localhost is generated with `selfsigned` into the user's cache folder (never in
 * the repository) and reused while valid; the browser or Office must then be told to trust it.
 * Messages are in French: they are read by the people who try the add-in.
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const say = (line = '') => process.stdout.write(`${line}\n`);

function cacheDir() {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  return process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
}

/** office-addin-dev-certs prints English progress lines: they are kept quiet. */
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

function usable(certPem) {
  try {
    const cert = new crypto.X509Certificate(certPem);
    return new Date(cert.validTo).getTime() > Date.now() + 24 * 3600 * 1000 && cert.checkHost('localhost') === 'localhost';
  } catch {
    return false;
  }
}

async function selfSigned() {
  const dir = path.join(cacheDir(), 'suivi-ess', 'dev-certs');
  const certFile = path.join(dir, 'localhost.crt');
  const keyFile = path.join(dir, 'localhost.key');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile) && usable(fs.readFileSync(certFile))) {
    return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile), certFile };
  }
  const selfsigned = require('selfsigned');
  const notBeforeDate = new Date(Date.now() - 60 * 1000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 365 * 24 * 3600 * 1000),
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
  return { key: pems.private, cert: pems.cert, certFile };
}

/** The key and certificate webpack-dev-server serves with. */
async function httpsOptions() {
  if (process.env.SUIVI_ESS_CERTS !== 'self-signed') {
    say('Certificat HTTPS : installation du certificat de développement Office (office-addin-dev-certs)…');
    try {
      const o = await quietly(() => require('office-addin-dev-certs').getHttpsServerOptions());
      say('  Certificat de développement installé et approuvé par le système (dossier ~/.office-addin-dev-certs).');
      return { key: o.key, cert: o.cert, ca: o.ca };
    } catch {
      say('  Impossible de l’installer ici : un certificat autosigné est utilisé à la place.');
    }
  }
  const s = await selfSigned();
  say(`Certificat autosigné pour localhost : ${s.certFile}`);
  say('  Faites-lui confiance dans le système ou le navigateur pour que le volet se charge dans Excel.');
  return { key: s.key, cert: s.cert };
}

/** How to sideload manifest.xml, said once the server listens. */
function sideloadInstructions(url, manifest) {
  say('');
  say(`Suivi ESS est servi sur ${url}  (volet : ${url}/taskpane.html)`);
  say('');
  say(`Pour charger le complément dans Excel, utilisez le manifeste ${manifest} :`);
  say('  • Excel sur le web : ouvrez un classeur, puis Insertion > Compléments > Charger mon complément');
  say('    (selon la version : Accueil > Compléments > Plus de compléments > Mes compléments >');
  say('    Charger mon complément), et choisissez manifest.xml.');
  say('  • Excel pour Windows : npx office-addin-debugging start manifest.xml (ou un catalogue de');
  say('    compléments approuvé sur un dossier partagé : Fichier > Options > Centre de gestion de la');
  say('    confidentialité > Catalogues de compléments approuvés).');
  say('  • Excel pour Mac : copiez manifest.xml dans ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef');
  say('    (créez le dossier wef s’il n’existe pas), redémarrez Excel, puis Insertion > Mes compléments.');
  say('');
}

module.exports = { httpsOptions, sideloadInstructions };
