/**
 * What a framework offers users to choose from, and how a typed text is matched to it: its axes
 * (« E1 – … », « Enjeu 1 », « Axe I » are one axis), its objectives, its governance bodies (and
 * their other names) and its evaluative questions (« Q4 », « 4 » or the text).
 */
import { normalizeKey } from '../shared/text';
import { axisLabel, outsideAxesLabel, type Framework, type FrameworkBody } from './schema';

export interface AxisChoice {
  code: string;
  title: string;
  /** As the Plan d'actions writes it: « I – Promotion », « Hors axe — animation du contrat ». */
  label: string;
  /** Position among the source's axes (1-based), null for a transversal pseudo-axis. */
  ordinal: number | null;
  codeAssigned: boolean;
  source: string;
}

export function axisChoices(f: Framework): AxisChoice[] {
  let n = 0;
  return f.axes.map((a) => ({
    code: a.code,
    title: a.title,
    label: a.transversal ? outsideAxesLabel(a.title) : axisLabel(a.code, a.title),
    ordinal: a.transversal ? null : ++n,
    codeAssigned: !!a.codeAssigned,
    source: a.source,
  }));
}

export interface ObjectiveChoice {
  code: string;
  label: string;
  axis: string;
  codeAssigned: boolean;
}

export function objectiveChoices(f: Framework): ObjectiveChoice[] {
  const axes = axisChoices(f);
  return f.axes.flatMap((a, i) =>
    a.objectives.map((o) => ({ code: o.code, label: axisLabel(o.code, o.title), axis: axes[i].label, codeAssigned: !!o.codeAssigned })),
  );
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];

/**
 * The framework's axis a typed text names, or null: its label, code or title (regardless of case,
 * accents and punctuation), or the level's name and a number (« Enjeu 1 … », « Axe 2 - … »,
 * « Axe I »). `exact` when the text is the label as written by Suivi ESS.
 */
export function matchAxis(f: Framework, text: string): { label: string; exact: boolean } | null {
  const choices = axisChoices(f);
  const t = text.trim();
  const exact = choices.find((c) => c.label === t);
  if (exact) return { label: exact.label, exact: true };
  const k = normalizeKey(t);
  if (!k) return null;
  const same = choices.find((c) => [c.label, c.code, c.title].some((x) => normalizeKey(x) === k));
  if (same) return { label: same.label, exact: false };
  // « E1 – Intégrer… » typed with another dash or title, « Enjeu 1 … », « Axe 2 - … », « Axe I ».
  const level = normalizeKey(f.levels.axis);
  const words = k.split(' ');
  const token = words[0] === level || words[0] === 'axe' || words[0] === 'enjeu' ? words[1] : words[0];
  if (token === undefined) return null;
  const byToken = choices.find(
    (c) =>
      normalizeKey(c.code) === token ||
      (c.ordinal !== null && (String(c.ordinal) === token || ROMAN[c.ordinal - 1] === token)) ||
      (c.ordinal !== null && normalizeKey(c.code).replace(/^[a-z]+/, '') === token && /^\d+$/.test(token)),
  );
  return byToken ? { label: byToken.label, exact: false } : null;
}

/** The governance body a typed text names (its name or one of its other names), or null. */
export function matchBody(f: Framework, text: string): { body: FrameworkBody; exact: boolean } | null {
  const t = text.trim();
  const exact = f.bodies.find((b) => b.name === t);
  if (exact) return { body: exact, exact: true };
  const k = normalizeKey(t);
  const body = f.bodies.find((b) => [b.name, ...b.aliases].some((x) => normalizeKey(x) === k));
  return body && k ? { body, exact: false } : null;
}

/** The framework's evaluative question a typed text names: its code (Q4), number (4) or text. */
export function matchQuestion(questions: readonly { code: string; text: string }[], text: string): { code: string; text: string } | null {
  const k = normalizeKey(text);
  if (!k) return null;
  return (
    questions.find((q) => normalizeKey(q.code) === k || normalizeKey(q.text) === k) ??
    questions.find((_, i) => String(i + 1) === k || `question ${i + 1}` === k) ??
    null
  );
}
