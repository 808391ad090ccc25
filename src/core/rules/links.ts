/**
 * The rules that link the contract's tables to the framework and to each other (contract version
 * 3): the axis of each action is one of the framework's, each reported indicator is one its
 * action's report asks, each territory is one of the Territoires table, a rate is never added
 * across operators, each meeting belongs to a governance body that meets as often as the source
 * asks, each appreciation to an evaluative question. Pure: records in, findings and the resolved
 * codes out.
 */
import type { ContractRecords } from '../contract/contract-records';
import { cellOf, type Origin } from '../contract/cells';
import { columnOf } from '../contract/declare';
import { INPUT_TABLES, type InputKey } from '../contract/tables';
import { territoryIndex } from '../contract/territory-index';
import { axisChoices, matchAxis, matchBody, matchQuestion } from '../framework/choices';
import { governance } from '../governance/frequency';
import { finding, type Finding } from './findings';
import type { Frame } from './frame';

/** The group of the actions whose axis is not one of the framework's. */
export const OUTSIDE_FRAMEWORK_AXIS = '(axe absent du cadre)';

export interface Links {
  /** Plan d'actions rows → the framework's axis label (or OUTSIDE_FRAMEWORK_AXIS); absent without a framework. */
  axis: Map<Origin, string>;
  /** Bilans rows → territory code (only the rows whose territory is in the Territoires table). */
  territory: Map<Origin, string>;
  /** Instances rows → the body's name as the framework writes it (or the text typed). */
  body: Map<Origin, string>;
  /** Appréciations rows → the question's code (only those recognised). */
  question: Map<Origin, string>;
  /** Action code → the indicator codes its report asks (actions with at least one row). */
  actionIndicators: Map<string, string[]>;
}

const header = (table: InputKey, field: string) => columnOf(INPUT_TABLES[table], field).header;

/** The questions of a workbook: the framework's, else the distinct texts of the Indicateurs' column. */
export function workbookQuestions(records: ContractRecords, frame: Frame): { code: string; text: string }[] {
  const f = frame.framework;
  if (f && f.questions.length) return f.questions.map((q) => ({ code: q.code, text: q.text }));
  const texts = [...new Set(records.indicators.map((i) => i.question ?? '').filter(Boolean))];
  return texts.map((text, i) => ({ code: `Q${i + 1}`, text }));
}

export function linkFindings(
  records: ContractRecords,
  frame: Frame,
  resolved: { action: Map<Origin, string>; indicator: Map<Origin, string> },
  meetingsHeaderCell: string,
): { links: Links; findings: Finding[] } {
  const findings: Finding[] = [];
  const links: Links = { axis: new Map(), territory: new Map(), body: new Map(), question: new Map(), actionIndicators: new Map() };
  const f = frame.framework;

  // Axes: one of the framework's, never a new one.
  if (f) {
    const list = { list: axisChoices(f).map((a) => a.label) };
    for (const a of records.actions) {
      if (!a.axis) continue;
      const m = matchAxis(f, a.axis);
      const cell = cellOf(a.origin, 'axis');
      const params = { header: header('actions', 'axis'), found: { value: a.axis } };
      if (!m) {
        links.axis.set(a.origin, OUTSIDE_FRAMEWORK_AXIS);
        findings.push(finding('AXE-HORS-CADRE', a.origin.sheet, cell, { ...params, list }));
        continue;
      }
      links.axis.set(a.origin, m.label);
      if (!m.exact) findings.push(finding('AXE-ECRITURE', a.origin.sheet, cell, { ...params, axis: { value: m.label } }));
    }
  }

  // Indicators per action.
  for (const r of records.actionIndicators) {
    const action = resolved.action.get(r.origin);
    const indicator = resolved.indicator.get(r.origin);
    if (!action || !indicator) continue;
    const list = links.actionIndicators.get(action) ?? [];
    if (!list.includes(indicator)) list.push(indicator);
    links.actionIndicators.set(action, list);
  }
  for (const r of records.reports) {
    const action = resolved.action.get(r.origin);
    const indicator = resolved.indicator.get(r.origin);
    const asked = action ? links.actionIndicators.get(action) : undefined;
    if (!action || !indicator || !asked || asked.includes(indicator)) continue;
    findings.push(
      finding('INDICATEUR-HORS-ACTION', r.origin.sheet, cellOf(r.origin, 'indicator'), {
        header: header('reports', 'indicator'),
        action,
        list: { list: asked },
        found: { value: r.indicator },
      }),
    );
  }

  // A rate is never added.
  for (const i of records.indicators) {
    if ((i.unit ?? '').trim() !== '%') continue;
    if (i.acrossOperators === 'Somme' || i.acrossOperators === 'Maximum') {
      findings.push(
        finding('TAUX-ENTRE-OPERATEURS', i.origin.sheet, cellOf(i.origin, 'acrossOperators'), {
          header: header('indicators', 'acrossOperators'),
          found: { value: i.acrossOperators },
        }),
      );
    }
    if (i.aggregation === 'Somme') {
      findings.push(
        finding('TAUX-SUR-PERIODE', i.origin.sheet, cellOf(i.origin, 'aggregation'), {
          header: header('indicators', 'aggregation'),
          found: { value: i.aggregation },
        }),
      );
    }
  }

  // Territories: the reports' territory in the table, each rattachement to a wider territory.
  const territories = territoryIndex(records.territories);
  if (territories.list.length) {
    for (const r of records.reports) {
      const text = (r.territory ?? '').trim();
      if (!text) continue;
      const m = territories.resolve(text);
      if (m?.exact) {
        links.territory.set(r.origin, m.code);
        continue;
      }
      // Only a territory that is not a code costs its cell and its message's parameters.
      const cell = cellOf(r.origin, 'territory');
      const params = { header: header('reports', 'territory'), found: { value: text } };
      if (!m) {
        findings.push(finding('TERRITOIRE-INCONNU', r.origin.sheet, cell, params));
        continue;
      }
      links.territory.set(r.origin, m.code);
      findings.push(finding('TERRITOIRE-NOM', r.origin.sheet, cell, { ...params, code: m.code }));
    }
    for (const t of records.territories) {
      const parent = (t.parent ?? '').trim();
      if (!parent) continue;
      if (!territories.byCode.has(parent) || territories.chain(parent).includes(t.code)) {
        findings.push(
          finding('TERRITOIRE-RATTACHEMENT', t.origin.sheet, cellOf(t.origin, 'parent'), {
            header: header('territories', 'parent'),
            found: { value: parent },
          }),
        );
      }
    }
  }

  // Meetings: a body of the framework, a date in the period, and each body as often as asked.
  const meetings: { body: string; year: number; participants: number | null }[] = [];
  const bodies = f?.bodies ?? [];
  for (const m of records.meetings) {
    const text = m.body.trim();
    const cell = cellOf(m.origin, 'body');
    const params = { header: header('meetings', 'body'), found: { value: text } };
    let body = text;
    if (bodies.length) {
      const b = f ? matchBody(f, text) : null;
      if (!b) findings.push(finding('INSTANCE-INCONNUE', m.origin.sheet, cell, { ...params, list: { list: bodies.map((x) => x.name) } }));
      else {
        body = b.body.name;
        if (!b.exact) findings.push(finding('INSTANCE-NOM', m.origin.sheet, cell, { ...params, body: { value: body } }));
      }
    }
    links.body.set(m.origin, body);
    if (!m.date) continue;
    const year = Number(m.date.slice(0, 4));
    if (frame.start !== null && frame.end !== null && (year < frame.start || year > frame.end)) {
      findings.push(
        finding('INSTANCE-HORS-PERIODE', m.origin.sheet, cellOf(m.origin, 'date'), {
          header: header('meetings', 'date'),
          start: `01/01/${frame.start}`,
          end: `31/12/${frame.end}`,
          found: { value: m.date.split('-').reverse().join('/') },
        }),
      );
      continue;
    }
    meetings.push({ body, year, participants: m.participants?.value ?? null });
  }
  if (frame.start !== null && frame.end !== null && frame.end >= frame.start && frame.end - frame.start < 50) {
    const years = Array.from({ length: frame.end - frame.start + 1 }, (_, i) => frame.start! + i);
    const sheet = records.meetings[0]?.origin.sheet ?? INPUT_TABLES.meetings.sheet;
    for (const r of governance(bodies, meetings, years).rows) {
      if (r.status !== 'en dessous' || !r.def || r.def.min === null) continue;
      findings.push(
        finding('INSTANCE-FREQUENCE', sheet, meetingsHeaderCell, {
          min: r.def.min,
          body: { value: r.body },
          period: r.window.length > 1 ? `${r.window[0]}-${r.window[r.window.length - 1]}` : String(r.year),
          frequency: r.def.frequency,
          cite: r.def.cite,
          count: r.windowHeld,
        }),
      );
    }
  }

  // Appreciations: an evaluative question.
  const questions = workbookQuestions(records, frame);
  for (const a of records.appreciations) {
    const q = matchQuestion(questions, a.question);
    if (q) {
      links.question.set(a.origin, q.code);
      continue;
    }
    findings.push(
      finding('APPRECIATION-QUESTION', a.origin.sheet, cellOf(a.origin, 'question'), {
        header: header('appreciations', 'question'),
        list: { list: questions.map((x) => x.code) },
        found: { value: a.question },
      }),
    );
  }
  return { links, findings };
}
