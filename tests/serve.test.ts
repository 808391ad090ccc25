/** `npm start` builds the pane and serves it over HTTPS: checked with its --once health check. */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

test('npm start serves the task pane over HTTPS on localhost (self-signed fallback)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'suivi-ess-home-'));
  try {
    const p = spawnSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'serve.js'), '--once', '--self-signed'], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') },
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('https://localhost:3000/taskpane.html');
    expect(p.stdout).toMatch(/Vérification de santé \/healthz : HTTP 200 \{"ok":true/);
    expect(p.stdout).toContain('Charger mon complément');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}, 180_000);
