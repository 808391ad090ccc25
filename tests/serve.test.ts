/**
 * `npm start` (webpack-dev-server) builds the pane and serves it over HTTPS on localhost:3000,
 * with the self-signed fallback where the Office development certificates cannot be installed.
 */
import { spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import * as https from 'https';
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

test('npm start serves the task pane and the manifest over HTTPS on localhost', async () => {
  const home = mkdtempSync(path.join(tmpdir(), 'suivi-ess-home-'));
  const server = spawn(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development'], {
    cwd: ROOT,
    env: { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), SUIVI_ESS_CERTS: 'self-signed', PORT: '3000' },
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
    expect(out).toContain('https://localhost:3000/taskpane.html');
    expect(await get('https://localhost:3000/healthz')).toEqual({ status: 200, body: '{"ok":true}' });
    // The dev server answers once the first build is done.
    let page = await get('https://localhost:3000/taskpane.html');
    for (let i = 0; i < 60 && page.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      page = await get('https://localhost:3000/taskpane.html');
    }
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const manifest = await get('https://localhost:3000/manifest.xml');
    expect(manifest.status).toBe(200);
    expect(manifest.body).toContain('https://localhost:3000/taskpane.html');
  } finally {
    server.kill();
    rmSync(home, { recursive: true, force: true });
  }
}, 180_000);
