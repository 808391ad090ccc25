import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { RULES } from '../src/core/rules/catalogue';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('every rule id the code emits is in the catalogue, and every catalogue rule is documented', () => {
  const ids = new Set(Object.keys(RULES));
  const emitted = new Set<string>();
  for (const file of sources(path.join(__dirname, '..', 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:rule: |finding\(|fail\(ctx, |refuse\(|at\()'([A-Z-]+)'|\? '(FINANCEUR-NOM)' : '(CODE-ECRITURE)'/g)) {
      for (const id of m.slice(1)) if (id) emitted.add(id);
    }
  }
  expect(emitted.size).toBeGreaterThan(10);
  expect([...emitted].filter((id) => !ids.has(id))).toEqual([]);
  const doc = readFileSync(path.join(__dirname, '..', 'docs', 'regles.md'), 'utf8');
  expect([...ids].filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
});
