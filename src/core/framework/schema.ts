/**
 * A framework (contract or regional strategy) as data: its period, funders, action hierarchy,
 * reference amounts with their sources, evaluative questions and indicator catalogue.
 * The shipped frameworks live in `src/frameworks/*.json` and are validated by this schema.
 */
import { z } from 'zod';
import { AGGREGATIONS, CONVENTION_STATUSES, FUNDER_TYPES } from '../contract/vocabulary';
import { frenchTypography } from '../shared/typography';

/** Where a fact comes from: a seed file and the place in it (article, section, heading). */
/** A citation users read (the Source column, the messages): typeset once, when the framework is read. */
const Source = z.string().min(3).transform(frenchTypography);

const Action = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  /** Operator named by the source, if any. */
  operator: z.string().optional(),
  entryYear: z.number().int().optional(),
  /** True when the source gives no code and Suivi ESS assigned one (said in the workbook). */
  codeAssigned: z.boolean().optional(),
  source: Source,
});

const Measure = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  actions: z.array(Action).default([]),
});

const Objective = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  measures: z.array(Measure).default([]),
});

const Axis = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  objectives: z.array(Objective).default([]),
  /** Actions attached to the axis itself (used for transversal actions such as the animation). */
  actions: z.array(Action).default([]),
  codeAssigned: z.boolean().optional(),
  /** Not one of the source's axes (the contract's animation): shown as « Hors axe — … ». */
  transversal: z.boolean().optional(),
  source: Source,
});

/** A later name of a funder (a merger, a renaming), with its date and the text that says so. */
const Successor = z.object({ name: z.string().min(1), from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), source: Source });

const Funder = z.object({
  code: z.string().regex(/^[A-Z0-9_]+$/),
  name: z.string().min(1),
  type: z.enum(FUNDER_TYPES),
  aliases: z.array(z.string()).default([]),
  /** Later names, recognised as the same funder (written in « Autres noms »). */
  successors: z.array(Successor).default([]),
  source: Source,
});

const ReferenceAmount = z.object({
  funder: z.string(),
  year: z.number().int(),
  /** Integer cents; null while the source gives no amount (e.g. subject to budget). */
  amountCents: z.number().int().nullable(),
  status: z.enum(CONVENTION_STATUSES),
  source: Source,
  /** True for an amount the convention fixes for that year (2014); false for a year it only renews. */
  signed: z.boolean().default(false),
});

/** A figure published somewhere but not contractual (a press page): the rules name it. */
const PublishedFigure = z.object({
  funder: z.string(),
  year: z.number().int(),
  amountCents: z.number().int(),
  publishedBy: z.string(),
  prevailing: z.string(),
});

const Question = z.object({
  code: z.string(),
  text: z.string().min(1),
  source: Source,
});

const Indicator = z.object({
  code: z.string().regex(/^[A-Z0-9_]+$/),
  label: z.string().min(1),
  unit: z.string().min(1),
  aggregation: z.enum(AGGREGATIONS),
  question: z.string(),
  /** `proposé`: derived by Suivi ESS from the source's expected effects, not named by it. */
  status: z.enum(['proposé', 'source']),
  basis: z.string().min(3),
});

export const FrameworkSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    region: z.string().min(1),
    period: z.object({ start: z.number().int(), end: z.number().int() }),
    currency: z.literal('EUR'),
    sources: z.array(z.object({ file: z.string(), title: z.string() })).min(1),
    /** Names of the hierarchy's levels as the source calls them. */
    levels: z.object({ axis: z.string(), objective: z.string(), measure: z.string() }),
    note: z.string().optional(),
    funders: z.array(Funder).min(1),
    axes: z.array(Axis).min(1),
    amounts: z.array(ReferenceAmount).default([]),
    publishedFigures: z.array(PublishedFigure).default([]),
    questions: z.array(Question).default([]),
    indicators: z.array(Indicator).default([]),
    indicatorNote: z.string().optional(),
    /** The framework's own articles, cited by the rules' messages (absent: the messages cite none). */
    articles: z.object({ amendment: z.string().optional() }).default({}),
  })
  .superRefine((f, ctx) => {
    if (f.period.end < f.period.start) ctx.addIssue({ code: 'custom', message: 'period ends before it starts' });
    const funderCodes = new Set(f.funders.map((x) => x.code));
    if (funderCodes.size !== f.funders.length) ctx.addIssue({ code: 'custom', message: 'duplicate funder code' });
    for (const a of f.amounts) {
      if (!funderCodes.has(a.funder)) ctx.addIssue({ code: 'custom', message: `amount for unknown funder ${a.funder}` });
      if (a.year < f.period.start || a.year > f.period.end)
        ctx.addIssue({ code: 'custom', message: `amount year ${a.year} outside period` });
    }
    for (const p of f.publishedFigures) {
      if (!funderCodes.has(p.funder)) ctx.addIssue({ code: 'custom', message: `published figure for unknown funder ${p.funder}` });
    }
    const codes = new Set<string>();
    for (const a of allActions(f as Framework)) {
      if (codes.has(a.code)) ctx.addIssue({ code: 'custom', message: `duplicate action code ${a.code}` });
      codes.add(a.code);
    }
    const questions = new Set(f.questions.map((q) => q.code));
    for (const i of f.indicators) {
      if (!questions.has(i.question)) ctx.addIssue({ code: 'custom', message: `indicator ${i.code} names unknown question ${i.question}` });
    }
  });

export type Framework = z.infer<typeof FrameworkSchema>;
export type FrameworkAction = z.infer<typeof Action>;

/** One row of the action plan: an action with its place in the hierarchy. */
export interface PlanRow {
  axis: string;
  objective: string;
  measure: string;
  action: FrameworkAction;
}

export function axisLabel(code: string, title: string): string {
  return `${code} – ${title}`;
}

/** The label of a transversal pseudo-axis: « Hors axe — animation du contrat ». */
export function outsideAxesLabel(title: string): string {
  return `Hors axe — ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

/** Every action of the framework, flattened with its axis, objective and measure labels. */
export function planRows(f: Framework): PlanRow[] {
  const rows: PlanRow[] = [];
  for (const axis of f.axes) {
    const ax = axis.transversal ? outsideAxesLabel(axis.title) : axisLabel(axis.code, axis.title);
    for (const action of axis.actions) rows.push({ axis: ax, objective: '', measure: '', action });
    for (const o of axis.objectives) {
      for (const m of o.measures) {
        for (const action of m.actions) {
          rows.push({ axis: ax, objective: axisLabel(o.code, o.title), measure: axisLabel(m.code, m.title), action });
        }
      }
    }
  }
  return rows;
}

export function allActions(f: Framework): FrameworkAction[] {
  return planRows(f).map((r) => r.action);
}
