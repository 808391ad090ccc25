/**
 * The shipped frameworks are data checked against the source documents (docs/sources, copies
 * of the seeds): every code, label and amount they present as fact must be found in the source.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { frameworks, findFramework, FrameworkSchema, planRows } from '../src/core/framework';
import { formatEuros } from '../src/core/shared/money';

const source = (file: string) => readFileSync(path.join(__dirname, '..', 'docs', 'sources', file), 'utf8').replace(/[’]/g, "'");
/** Apostrophes and spaces folded, so that a label matches the source's typography. */
const fold = (s: string) => s.replace(/[’]/g, "'").replace(/\s+/g, ' ').trim();
/** The passages a source field quotes between « and ». */
const quotes = (s: string) => [...s.matchAll(/« ([^»]*) »/g)].map((m) => fold(m[1]));

/** The Luhn check that every SIREN passes. */
function luhn(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((d, i) => {
    let n = Number(d) * (i % 2 ? 2 : 1);
    if (n > 9) n -= 9;
    sum += n;
  });
  return sum % 10 === 0;
}

/** Asserts that `needle` occurs in `text`, reporting only the needle when it does not. */
function expectIn(text: string, needle: string) {
  expect(text.includes(needle) ? needle : `absent de la source : ${needle}`).toBe(needle);
}

describe('the three frameworks', () => {
  test('load and validate', () => {
    expect(frameworks().map((f) => f.id)).toEqual([
      'rhone-alpes-ces-2014-2016',
      'pays-de-la-loire-sress-2017-2021',
      'centre-val-de-loire-sress-2018-2021',
    ]);
  });

  test('the schema rejects an amount outside the period and a duplicate action code', () => {
    const ra = structuredClone(findFramework('rhone-alpes-ces-2014-2016')!);
    ra.amounts.push({ funder: 'REGION', year: 2019, amountCents: 1, status: 'Ferme', source: 'x y z', signed: true });
    expect(FrameworkSchema.safeParse(ra).success).toBe(false);
    const dup = structuredClone(findFramework('rhone-alpes-ces-2014-2016')!);
    dup.axes[1].objectives[0].measures[0].actions.push({ ...dup.axes[1].objectives[0].measures[0].actions[0] });
    expect(FrameworkSchema.safeParse(dup).success).toBe(false);
  });
});

describe('Rhône-Alpes CES ESS 2014-2016 against the convention', () => {
  const f = findFramework('rhone-alpes-ces-2014-2016')!;
  const text = fold(source('001_756e912f678591c8.txt'));

  test('the full 2014 action plan, I_1.1.1 … III_2.1.5, plus the animation by the CRESS', () => {
    const codes = planRows(f).map((r) => r.action.code);
    expect(codes).toEqual([
      'ANIM',
      'I_1.1.1',
      'I_1.1.2',
      'I_1.2',
      'II_1.1',
      'II_2.1.1',
      'II_2.1.2',
      'II_3.1.1',
      'II_3.1.2',
      'II_3.1.3',
      'III_1.1.1',
      'III_1.1.2',
      'III_1.1.3',
      'III_1.1.4',
      'III_1.1.5',
      'III_1.2',
      'III_2.1.1',
      'III_2.1.2',
      'III_2.1.3',
      'III_2.1.4',
      'III_2.1.5',
    ]);
    for (const r of planRows(f)) {
      if (!r.action.codeAssigned) expectIn(text, `| ${r.action.code} `);
      expectIn(text, fold(r.action.title));
    }
    expect(
      planRows(f)
        .filter((r) => r.action.codeAssigned)
        .map((r) => r.action.code),
    ).toEqual(['ANIM']);
  });

  test('objectives and measures are the plan’s headings', () => {
    for (const axis of f.axes)
      for (const o of axis.objectives) {
        // The source's table splits some headings over two rows: check their first words.
        expectIn(text, fold(o.title.split(' ').slice(0, 4).join(' ')));
        for (const m of o.measures) expectIn(text, fold(m.title));
      }
  });

  test('the 2014 reference amounts and their articles', () => {
    const y2014 = f.amounts.filter((a) => a.year === 2014).map((a) => [a.funder, a.amountCents, a.status, a.source]);
    expect(y2014).toEqual([
      ['REGION', 238750000, 'Ferme', 'Convention, art. 3'],
      ['ETAT', 100000000, 'Prévisionnel', 'Convention, art. 4'],
      ['CDC', 108520000, 'Ferme', 'Convention, art. 5'],
    ]);
    expect(text).toMatch(
      /Article 3 : Participation de la Région Rhône-Alpes\*\*\s+En 2014, le montant de la participation régionale au présent programme est fixé à 2 387 500 euros/,
    );
    expect(text).toMatch(
      /Article 4 : Participation de l'Etat\*\*\s+En 2014, le montant prévisionnel de la participation de l'Etat au présent programme est fixé à 1 000 000 euros/,
    );
    expect(text).toMatch(
      /Article 5 : Participation de la Caisse des Dépôts et Consignations\*\*\s+En 2014, le montant de la participation de la Caisse des Dépôts et Consignations au présent programme est fixé à 1 085 200 euros/,
    );
    expect(f.amounts.filter((a) => a.signed).map((a) => a.year)).toEqual([2014, 2014, 2014]);
    // 2015 and 2016: the Région's and the State's participations are renewed (« reconduite »),
    // subject to the budget vote; the CDC's depends on its own decisions (art. 5): no amount.
    const later = f.amounts.filter((a) => a.year > 2014).map((a) => [a.funder, a.year, a.amountCents, a.status]);
    expect(later).toEqual([
      ['REGION', 2015, 238750000, 'Sous réserve'],
      ['ETAT', 2015, 100000000, 'Sous réserve'],
      ['CDC', 2015, null, 'Sous réserve'],
      ['REGION', 2016, 238750000, 'Sous réserve'],
      ['ETAT', 2016, 100000000, 'Sous réserve'],
      ['CDC', 2016, null, 'Sous réserve'],
    ]);
    expect(text).toMatch(/la participation régionale sera reconduite en 2015 et 2016/);
    expect(text).toMatch(/la participation de l'Etat sera reconduite en 2015 et 2016/);
    expect(text).toMatch(
      /Pour les années 2015 et 2016, la participation de la Caisse des Dépôts dépendra de son cadre d'intervention nationale/,
    );
  });

  test('the press page figure is known as published, not contractual', () => {
    expect(f.publishedFigures).toEqual([expect.objectContaining({ funder: 'CDC', year: 2014, amountCents: 115200000 })]);
    expect(fold(source('000_0167a2ab567f4b3c.txt'))).toContain('1 152 000 €');
    expect(formatEuros(f.publishedFigures[0].amountCents)).toBe('1\u202f152\u202f000,00\u00a0€');
  });

  test('funders: the three signatories and every partner authority named by the convention', () => {
    expect(f.funders.slice(0, 3).map((x) => [x.code, x.type])).toEqual([
      ['REGION', 'Signataire'],
      ['ETAT', 'Signataire'],
      ['CDC', 'Signataire'],
    ]);
    const partners = f.funders.filter((x) => x.type === 'Collectivité partenaire');
    // The convention's list of partner authorities has 16 entries (the seeds' index says 15).
    expect(partners).toHaveLength(16);
    for (const p of partners) expectIn(text.toLowerCase(), fold(p.name).toLowerCase());
  });

  test('the 4 evaluative questions of §5, and an indicator catalogue marked as proposed', () => {
    expect(f.questions).toHaveLength(4);
    for (const q of f.questions) expectIn(text, fold(q.text));
    expect(f.indicators.length).toBeGreaterThanOrEqual(12);
    for (const i of f.indicators) {
      expect(i.status).toBe('proposé');
      const effect = /« (.*) »/.exec(i.basis)![1];
      expectIn(text, fold(effect));
    }
    expect(new Set(f.indicators.map((i) => i.aggregation))).toEqual(new Set(['Somme', 'Moyenne', 'Maximum', 'Dernière valeur']));
  });
});

describe('Rhône-Alpes: what the CRESS consolidates', () => {
  const f = findFramework('rhone-alpes-ces-2014-2016')!;
  const text = fold(source('001_756e912f678591c8.txt'));

  test('every indicator says how operators combine, with the reason; a rate is never added', () => {
    for (const i of f.indicators) {
      expect(i.basis).toContain(`Entre opérateurs : ${i.acrossOperators}`);
      if (i.unit === '%') expect(i.acrossOperators).toBe('Non additionnable');
    }
    // The stocks of collectivités are never added across operators (16 partner authorities).
    expect(f.indicators.filter((i) => i.aggregation === 'Dernière valeur').map((i) => i.acrossOperators)).toEqual(['Maximum', 'Maximum']);
  });

  test('every action asks its own indicators, proposed from §5, and every indicator is asked', () => {
    const codes = planRows(f).map((r) => r.action.code);
    expect(f.actionIndicators.map((m) => m.action)).toEqual(codes);
    expect(
      f.actionIndicators.every((m) => m.status === 'proposé' && m.indicators.length >= 1 && m.indicators.length < f.indicators.length),
    ).toBe(true);
    expect(new Set(f.actionIndicators.flatMap((m) => m.indicators))).toEqual(new Set(f.indicators.map((i) => i.code)));
  });

  test('the governance bodies of §4.1 and §4.2, each frequency quoted from the convention', () => {
    expect(f.bodies.map((b) => [b.name, b.min, b.max ?? null, b.target ? `${b.target.min}-${b.target.max}` : null])).toEqual([
      ['Comité de pilotage', 1, 2, null],
      ['Assemblée des territoires', 1, null, null],
      ['Comité technique — axe I', 2, null, '3-4'],
      ['Comité technique — axe II', 2, null, '3-4'],
      ['Comité technique — axe III', 2, null, '3-4'],
      ['Espace régional de dialogue social', 2, null, null],
      ['Rencontre régionale', 1, null, null],
    ]);
    for (const b of f.bodies) for (const q of quotes(b.source)) for (const part of q.split('[…]')) expectIn(text, fold(part.trim()));
    for (const m of f.milestones) for (const q of quotes(m.source)) expectIn(text, q);
    expect(f.milestones.map((m) => [m.label, m.due])).toEqual([
      ['Évaluation intermédiaire', '2015-12-31'],
      ['Évaluation finale', '2016-12-31'],
    ]);
  });

  test('territories: the region, its 8 départements and the 16 partners, official codes only where verified', () => {
    const research = JSON.parse(readFileSync(path.join(__dirname, '..', 'docs', 'sources', 'territoires.json'), 'utf8')) as {
      code: string;
      codeOfficiel: string | null;
      verified: boolean;
      autresCodes?: { INSEE_departement?: string };
    }[];
    const t = f.territories;
    expect(t.filter((x) => x.type === 'Région').map((x) => [x.code, x.officialCode])).toEqual([['RA', '82']]);
    expect(t.filter((x) => x.type === 'Département').map((x) => x.code)).toEqual(['D01', 'D07', 'D26', 'D38', 'D42', 'D69', 'D73', 'D74']);
    // Each partner authority of the convention is a territory, found by its name.
    const key = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[’']/g, "'");
    for (const p of f.funders.filter((x) => x.type === 'Collectivité partenaire')) {
      const found = t.filter((x) => [x.label, ...x.aliases].some((a) => key(a) === key(p.name)));
      expect([p.name, found.length]).toEqual([p.name, 1]);
    }
    for (const x of t) {
      const r = research.find((e) => e.code === x.code)!;
      // A département's official code is its INSEE code (its SIREN, the research's, is cited in its source).
      const code = x.type === 'Département' ? r.autresCodes!.INSEE_departement! : r.codeOfficiel;
      expect([x.code, x.officialCode]).toEqual([x.code, r.verified ? code : null]);
      if (x.type === 'Département') expect(x.source).toContain(r.codeOfficiel!);
      if (x.officialCodeType === 'SIREN') expect([x.code, luhn(x.officialCode!)]).toEqual([x.code, true]);
    }
    expect(t.filter((x) => x.officialCode === null).map((x) => x.code)).toEqual([
      'RHONE_PLURIEL',
      'PAYS_ARDECHE_MERIDIONALE',
      'PAYS_SUD_GRESIVAUDAN',
      'PNR_PILAT',
    ]);
  });
});

describe('the two regional strategies', () => {
  test('Pays de la Loire: 3 stakes and their 15 operational objectives, from the seed', () => {
    const f = findFramework('pays-de-la-loire-sress-2017-2021')!;
    const text = fold(source('002_5881cfeab5e1ad9d.txt'));
    expect(f.axes).toHaveLength(3);
    expect(f.axes.flatMap((a) => a.objectives)).toHaveLength(15);
    for (const a of f.axes) {
      expectIn(text, fold(a.title));
      for (const o of a.objectives) expectIn(text, fold(o.title));
    }
    expect(f.amounts).toEqual([]);
    // Each objective is a plan row, its code assigned by Suivi ESS and marked so.
    const rows = planRows(f);
    expect(rows.map((r) => r.action.code)).toEqual(f.axes.flatMap((a) => a.objectives.map((o) => o.code)));
    expect(rows.every((r) => r.action.codeAssigned && r.objective.startsWith(`${r.action.code} – `))).toBe(true);
    expect(f.period).toEqual({ start: 2017, end: 2021 });
  });

  test('Pays de la Loire: its three governance bodies, with the frequency its seed gives', () => {
    const f = findFramework('pays-de-la-loire-sress-2017-2021')!;
    const text = fold(source('002_5881cfeab5e1ad9d.txt'));
    expect(f.bodies.map((b) => [b.name, b.min, b.everyYears])).toEqual([
      ['Conférence régionale de l’ESS', 1, 2],
      ['Comité de pilotage', 1, 1],
      ['Comité technique', 4, 1],
    ]);
    // The seed writes its headings in capitals.
    for (const b of f.bodies) for (const q of quotes(b.source)) expectIn(text.toLowerCase(), q.toLowerCase());
  });

  test('Centre-Val de Loire: the 4 axes, no invented proposals, its regional conference without a frequency', () => {
    const f = findFramework('centre-val-de-loire-sress-2018-2021')!;
    const text = fold(source('004_8371ff549074e0df.txt'));
    expect(f.axes.map((a) => a.code)).toEqual(['1', '2', '3', '4']);
    for (const a of f.axes) expectIn(text, fold(`Axe ${a.code} - ${a.title}`));
    expect(planRows(f)).toEqual([]);
    expect(f.amounts).toEqual([]);
    expect(f.bodies.map((b) => [b.name, b.min])).toEqual([['Conférence régionale de l’ESS', null]]);
    for (const q of quotes(f.bodies[0].source)) expectIn(text, q);
  });

  test('every funder of the strategies is named in its seed', () => {
    for (const [id, file] of [
      ['pays-de-la-loire-sress-2017-2021', '002_5881cfeab5e1ad9d.txt'],
      ['centre-val-de-loire-sress-2018-2021', '004_8371ff549074e0df.txt'],
    ]) {
      const text = fold(source(file)).toLowerCase();
      const f = findFramework(id)!;
      for (const funder of f.funders) {
        // « Région X » names the Région the seed speaks of (« la Région », « X »).
        const name = fold(funder.name).toLowerCase().replace('état', 'etat');
        if (name === `région ${f.region.toLowerCase()}`) {
          expectIn(text, 'la région');
          expectIn(text, f.region.toLowerCase());
        } else expectIn(text, name);
      }
    }
  });
});
