/**
 * The users' documentation that comes from the declarations: the column tables of
 * docs/contrat-classeur.md (from contract/tables.ts) and the rule list of docs/regles.md (from
 * rules/catalogue.ts). `npm run docs` writes them between their markers; a test fails when a
 * document and the declarations differ.
 */
import type { CellKind } from '../core/contract/cell-kinds';
import type { TableDecl } from '../core/contract/declare';
import { ALL_TABLES } from '../core/contract/tables';
import { CHECKS, RULES, type RuleId } from '../core/rules/catalogue';
import { INPUT_TABLES } from '../core/contract/tables';
import { SEVERITY_LABEL } from '../core/rules/render';
import { frenchTypography } from '../core/shared/typography';

const KIND_LABEL: Record<CellKind<unknown>['name'], string> = {
  text: 'texte',
  'required-text': 'texte',
  year: 'année',
  money: 'montant (€)',
  number: 'nombre',
  vocabulary: 'liste',
  date: 'date',
  datetime: 'date et heure',
  siret: 'SIRET (texte)',
  rna: 'RNA (texte)',
  any: 'valeur',
};

const cell = (s: string) => frenchTypography(s).replace(/\|/g, '\\|');

/** The markdown table of a declared table's columns. */
export function tableDoc(decl: TableDecl): string {
  const lines = ['| Colonne | Type | Obligatoire | Accepte |', '|---|---|---|---|'];
  const key = Object.entries(INPUT_TABLES).find(([, d]) => d === decl)?.[0];
  const checked = new Set(
    CHECKS.filter((k) => k.kind === 'required' && k.table === key && !k.unless).map((k) => (k as { field: string }).field),
  );
  for (const c of decl.columns) {
    const required = c.kind.name === 'required-text' || checked.has(c.field) ? 'oui' : c.optional ? 'colonne facultative' : 'non';
    const since = c.since ? ` *(depuis la version ${c.since} du contrat)*` : '';
    lines.push(`| \`${c.header}\`${since} | ${KIND_LABEL[c.kind.name]} | ${required} | ${cell(c.doc)} |`);
  }
  if (decl.then) lines.push(`| … | | | ${cell(`Puis ${decl.then}`)} |`);
  return lines.join('\n');
}

/** The markdown table of the rule catalogue. */
export function rulesDoc(): string {
  const lines = ['| Règle | Titre | Gravité | Importance | Source |', '|---|---|---|---|---|'];
  for (const [id, r] of Object.entries(RULES) as [RuleId, (typeof RULES)[RuleId]][]) {
    lines.push(`| \`${id}\` | ${cell(r.title)} | ${SEVERITY_LABEL[r.severity]} | ${r.importance} | ${cell(r.source)} |`);
  }
  return lines.join('\n');
}

const begin = (id: string) => `<!-- généré : ${id} (npm run docs) -->`;
const end = (id: string) => `<!-- fin : ${id} -->`;

/** The generated parts of a document, by marker id. */
export function generatedParts(doc: 'contrat-classeur' | 'regles'): Map<string, string> {
  if (doc === 'regles') return new Map([['règles', rulesDoc()]]);
  return new Map(ALL_TABLES.map((t) => [t.table, tableDoc(t)]));
}

/** The document with each generated part replaced; markers missing from it are listed. */
export function withGeneratedParts(text: string, parts: Map<string, string>): { text: string; missing: string[] } {
  const missing: string[] = [];
  let out = text;
  for (const [id, content] of parts) {
    const a = out.indexOf(begin(id));
    const b = out.indexOf(end(id));
    if (a < 0 || b < a) {
      missing.push(id);
      continue;
    }
    out = `${out.slice(0, a)}${begin(id)}\n${content}\n${out.slice(b)}`;
  }
  return { text: out, missing };
}

export const markers = { begin, end };
