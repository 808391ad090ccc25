/**
 * The browser tests' harness: builds the pane with the fake Excel host (FAKE_HOST=1), serves it
 * on a loopback port, launches Debian's Chromium through playwright-core, and opens pages that
 * record their errors and any request outside the pane (files must be sent nowhere).
 */
/// <reference types="node" />
import { typographyFaults } from '../../src/core/shared/typography';
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import { chromium, type Page } from 'playwright-core';

const ROOT = path.join(__dirname, '..', '..');
export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

export interface PanePage extends Page {
  errors: string[];
  /** Requests to anything but the pane's own server. */
  foreign: string[];
}

export interface Pane {
  /** Opens the task pane (or another page of the build, such as `ribbon.html`) with a query. */
  open(query?: string, file?: string): Promise<PanePage>;
  stop(): Promise<void>;
}

/** Every file the pane's build reads, hashed: the same sources give the same build. */
function sourcesHash(): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  for (const d of ['src', 'tests/e2e', 'tests/fake-excel']) walk(path.join(ROOT, d));
  for (const f of ['webpack.config.js', 'package-lock.json', 'manifest.xml']) h.update(readFileSync(path.join(ROOT, f)));
  return h.digest('hex').slice(0, 16);
}

/**
 * The pane built with the fake host, once per state of the sources: the browser test files share
 * it (each build takes 10 to 20 s). The first file to need it builds it under a lock; the others
 * wait for it. Builds of older sources are left in the temporary folder's care.
 */
async function paneBuild(): Promise<string> {
  const dir = path.join(tmpdir(), `suivi-ess-e2e-build-${sourcesHash()}`);
  const done = path.join(dir, '.done');
  const lock = `${dir}.lock`;
  for (let waited = 0; !existsSync(done); waited += 200) {
    try {
      mkdirSync(lock);
    } catch {
      if (waited > 300_000) throw new Error(`the pane's build in ${dir} did not finish`);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      if (!existsSync(done)) {
        rmSync(dir, { recursive: true, force: true });
        execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'development', '--output-path', dir], {
          cwd: ROOT,
          env: { ...process.env, FAKE_HOST: '1' },
          stdio: 'pipe',
        });
        writeFileSync(done, '');
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

export async function startPane(): Promise<Pane> {
  if (!CHROMIUM) throw new Error('Chromium is required by the browser tests: .ci/run installs the Debian package chromium');
  const dir = await paneBuild();
  const server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    async open(query = '', file = 'taskpane.html') {
      const page = (await browser.newPage({ viewport: { width: 380, height: 900 }, locale: 'fr-FR' })) as PanePage;
      page.errors = [];
      page.foreign = [];
      page.on('pageerror', (e) => page.errors.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith(base)) page.foreign.push(r.url());
      });
      await page.goto(`${base}/${file}${query}`);
      return page;
    },
    async stop() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * A full-page screenshot in tests/artifacts/ (copied to docs/screenshots/ for the README), after
 * checking the French spacing of what the page shows (apostrophes aside: the workbook's own data,
 * such as the convention's action titles, is shown as written).
 */
export async function shot(page: Page, name: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  const faults = typographyFaults(text).filter((f) => !f.startsWith('typographic apostrophe'));
  expect([name, faults]).toEqual([name, []]);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Runs an expression on the fake host inside the page (`host` is the FakeExcelHost). */
export function fake<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(`(() => { const host = window.__fakeExcel.host; return (${expression}); })()`) as Promise<T>;
}

/** Data rows of a table in the fake workbook that have at least one value. */
export function filledRows(page: Page, table: string): Promise<(string | number | boolean | null)[][]> {
  return fake(
    page,
    `(() => { const t = host.table('${table}'); if (!t) return []; return host.values(t.sheet, t.address).slice(1).filter((r) => r.some((v) => v !== null && v !== '')); })()`,
  );
}
