/**
 * French typography in everything users read: a no-break space before « : » and inside « »,
 * a narrow no-break space before ; ! ?, the typographic apostrophe. Suivi ESS's own prose goes
 * through one renderer (core/shared/typography.ts); this test guards against drift.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { analyse, generated } from '../src/core/analysis/analyse';
import { findFramework } from '../src/core/framework';
import { initSheets } from '../src/core/layout/init-sheets';
import { reportTemplateSheets } from '../src/core/layout/report-template';
import type { PlacedSheet } from '../src/core/layout/placed';
import { RULES, type RuleId } from '../src/core/rules/catalogue';
import { renderFinding } from '../src/core/rules/render';
import { ERROR_MESSAGES, UserError, type ErrorCode } from '../src/core/shared/errors';
import { frenchTypography, typographyFaults } from '../src/core/shared/typography';
import { readContractTables } from '../src/commands/read-contract';
import { cli } from './support/files';
import { MemoryWorkbook } from './support/memory-workbook';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;

/** Every placeholder of a template filled with a neutral value. */
const filled = (template: string) => Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'X']));

test('every rule message and every error message is typeset', () => {
  for (const [id, r] of Object.entries(RULES) as [RuleId, (typeof RULES)[RuleId]][]) {
    const text = renderFinding({ rule: id, severity: r.severity, sheet: 'Feuille', cell: 'A1', params: filled(r.message) });
    expect([id, typographyFaults(text)]).toEqual([id, []]);
  }
  for (const code of Object.keys(ERROR_MESSAGES) as ErrorCode[]) {
    const text = new UserError(code, filled(ERROR_MESSAGES[code])).message;
    expect([code, typographyFaults(text)]).toEqual([code, []]);
  }
});

/** The prose lines of sheets: titles, notes and example banners (tables hold data, not prose). */
function proseOf(sheets: readonly PlacedSheet[]): string[] {
  const out: string[] = [];
  for (const s of sheets) {
    for (const st of s.styles) {
      if (st.style === 'total' || st.style === 'caption') continue;
      const row = Number(/\d+/.exec(st.ref)![0]);
      for (const v of s.rows[row - 1] ?? []) if (typeof v === 'string') out.push(v);
    }
  }
  return out;
}

test('the prose of every sheet Suivi ESS writes is typeset', async () => {
  const wb = new MemoryWorkbook(initSheets(RA, true));
  const a = analyse(await readContractTables(wb));
  const sheets = [
    ...initSheets(RA, true),
    ...generated(a),
    ...reportTemplateSheets({ framework: RA, action: { code: 'I_1.2', title: 'x' }, year: 2016 }),
  ];
  const lines = proseOf(sheets);
  expect(lines.length).toBeGreaterThan(50);
  expect(lines.flatMap((l) => typographyFaults(l))).toEqual([]);
});

test('what the command line prints is typeset', async () => {
  for (const args of [['--help'], ['frameworks'], ['validate'], ['init', '--framework', 'inconnu', '-o', 'x.xlsx']]) {
    const r = await cli(...args);
    const text = (r.rawOut + r.rawErr).replace(/<[^>]*>/g, '');
    expect([args.join(' '), typographyFaults(text)]).toEqual([args.join(' '), []]);
  }
});

test('the users’ documentation is typeset (code and links aside)', () => {
  const dir = path.join(__dirname, '..', 'docs');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
    let inBlock = false;
    const faults = readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .flatMap((line) => {
        if (line.startsWith('```')) inBlock = !inBlock;
        if (inBlock || line.startsWith('```') || line.startsWith('<!--')) return [];
        const prose = line.split(/(`[^`]*`|\]\([^)]*\)|<[^>]+>|https?:\/\/\S+)/).filter((_, i) => i % 2 === 0);
        return prose.flatMap((p) => typographyFaults(p));
      });
    expect([f, faults]).toEqual([f, []]);
  }
});

test('typesetting is idempotent, whatever spaces the text already has', () => {
  for (const text of ['statut « sous réserve » ; voir : x', 'statut «\u00a0sous réserve\u00a0» ; voir\u00a0: x', 'a  «  b  »  c']) {
    const once = frenchTypography(text);
    expect(frenchTypography(once)).toBe(once);
    expect(once).not.toMatch(/«\u00a0[\s\u00a0]|[\s\u00a0]\u00a0»/);
  }
});
