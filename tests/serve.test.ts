/**
 * `npm start` (webpack-dev-server) builds the pane and serves it over HTTPS on localhost:3000,
 * with the self-signed fallback where the Office development certificates cannot be installed.
 */
import { spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import * as https from 'https';
import { createServer, type AddressInfo } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** A port nobody listens on (another test run may hold 3000). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

test('npm start serves the task pane and the manifest over HTTPS on localhost', async () => {
  const home = mkdtempSync(path.join(tmpdir(), 'suivi-ess-home-'));
  const port = await freePort();
  const base = `https://localhost:${port}`;
  const server = spawn(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development'], {
    cwd: ROOT,
    env: { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), SUIVI_ESS_CERTS: 'self-signed', PORT: String(port) },
  });
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no server after 150 s:\n${out}`)), 150_000);
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Charger mon complément')) {
          clearTimeout(timer);
          resolve();
        }
      });
      server.stderr.on('data', (d: Buffer) => (out += d.toString()));
      server.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
    });
    expect(out).toContain(`${base}/taskpane.html`);
    expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: '{"ok":true}' });
    // The dev server answers once the first build is done.
    let page = await get(`${base}/taskpane.html`);
    for (let i = 0; i < 60 && page.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      page = await get(`${base}/taskpane.html`);
    }
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const manifest = await get(`${base}/manifest.xml`);
    expect(manifest.status).toBe(200);
    // The served manifest names the port it is served on.
    expect(manifest.body).toContain(`${base}/taskpane.html`);
    expect(manifest.body).not.toContain('https://localhost:3000/');
  } finally {
    server.kill();
    rmSync(home, { recursive: true, force: true });
  }
}, 180_000);
