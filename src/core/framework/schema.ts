/**
 * A framework (contract or regional strategy) as data: its period, funders, action hierarchy,
 * reference amounts with their sources, evaluative questions and indicator catalogue.
 * The shipped frameworks live in `src/frameworks/*.json` and are validated by this schema.
 */
import { z } from 'zod';
import { ACROSS_OPERATORS, AGGREGATIONS, CONVENTION_STATUSES, FUNDER_TYPES, TERRITORY_TYPES } from '../contract/vocabulary';
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
  /** True when the source does not number its objectives and Suivi ESS did. */
  codeAssigned: z.boolean().optional(),
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
  /** How the values of several operators or territories of one year combine. */
  acrossOperators: z.enum(ACROSS_OPERATORS),
  question: z.string(),
  /** `proposé`: derived by Suivi ESS from the source's expected effects, not named by it. */
  status: z.enum(['proposé', 'source']),
  basis: z.string().min(3),
});

/** The indicators an action's yearly report asks for. */
const ActionIndicators = z.object({
  action: z.string().min(1),
  indicators: z.array(z.string()).min(1),
  /** `proposé`: chosen by Suivi ESS from the source's expected effects, not named by it. */
  status: z.enum(['proposé', 'source']),
  basis: z.string().min(3),
});

/** A territory (région, département, partner authority), with its official code when verified. */
const Territory = z.object({
  /** A code assigned by Suivi ESS (`D69`, `GRAND_LYON`). */
  code: z.string().regex(/^[A-Z0-9_]+$/),
  label: z.string().min(1),
  type: z.enum(TERRITORY_TYPES),
  /** The official code (INSEE or SIREN), null when no public reference confirmed it. */
  officialCode: z
    .string()
    .regex(/^\d{2,9}$/)
    .nullable(),
  officialCodeType: z.enum(['INSEE', 'SIREN']).nullable(),
  /** The territory it belongs to (authority → département → région), null at the top. */
  parent: z.string().nullable(),
  aliases: z.array(z.string()).default([]),
  source: Source,
});

/** A governance body of the framework and how often its source says it meets. */
const Body = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  /** Meetings at least, per `everyYears` years; null when the source fixes no frequency. */
  min: z.number().int().nonnegative().nullable(),
  /** Meetings at most per period, when the source gives a range (« une à deux fois par an »). */
  max: z.number().int().positive().optional(),
  /** The period the frequency counts over, in years (2: « tous les deux ans »). */
  everyYears: z.number().int().positive().default(1),
  /** What the source says, in its words (« une à deux fois par an »). */
  frequency: z.string().min(1),
  /** A second passage of the source with another frequency (a table that says « 3 à 4 fois par an »). */
  target: z
    .object({ min: z.number().int().positive(), max: z.number().int().positive(), frequency: z.string(), cite: z.string() })
    .optional(),
  /** The passage, as users' messages cite it (« §4.1 de la convention »). */
  cite: z.string().min(2),
  source: Source,
});

/** A milestone of the evaluation (« une évaluation intermédiaire, fin 2015 »). */
const Milestone = z.object({
  label: z.string().min(1),
  /** The source's words for when (« fin 2015 »). */
  when: z.string().min(1),
  /** The date taken for it (the end of the year the source names). */
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: Source,
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
    articles: z
      .object({
        amendment: z.string().optional(),
        /** Where the source asks for the operators' yearly reports (« §5 »). */
        reports: z.string().optional(),
      })
      .default({}),
    /** The indicators each action's report asks for (an action not listed asks the whole catalogue). */
    actionIndicators: z.array(ActionIndicators).default([]),
    territories: z.array(Territory).default([]),
    /** Where the territories' official codes come from. */
    territoryNote: z.string().optional(),
    /** The governance bodies and how often they meet. */
    bodies: z.array(Body).default([]),
    milestones: z.array(Milestone).default([]),
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
    const indicators = new Set(f.indicators.map((i) => i.code));
    for (const m of f.actionIndicators) {
      if (!codes.has(m.action)) ctx.addIssue({ code: 'custom', message: `indicators for unknown action ${m.action}` });
      for (const i of m.indicators)
        if (!indicators.has(i)) ctx.addIssue({ code: 'custom', message: `action ${m.action}: unknown indicator ${i}` });
    }
    const territories = new Set(f.territories.map((t) => t.code));
    if (territories.size !== f.territories.length) ctx.addIssue({ code: 'custom', message: 'duplicate territory code' });
    for (const t of f.territories) {
      if (t.parent !== null && !territories.has(t.parent))
        ctx.addIssue({ code: 'custom', message: `territory ${t.code}: unknown parent ${t.parent}` });
      if ((t.officialCode === null) !== (t.officialCodeType === null))
        ctx.addIssue({ code: 'custom', message: `territory ${t.code}: code type` });
    }
  });

export type Framework = z.infer<typeof FrameworkSchema>;
export type FrameworkAction = z.infer<typeof Action>;
export type FrameworkTerritory = z.infer<typeof Territory>;
export type FrameworkBody = z.infer<typeof Body>;

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
      // An objective without measures is followed as an action until the plan details it (a
      // strategy whose source lists operational objectives, not actions).
      if (o.measures.length === 0) {
        const action = { code: o.code, title: o.title, source: axis.source, ...(o.codeAssigned ? { codeAssigned: true } : {}) };
        rows.push({ axis: ax, objective: axisLabel(o.code, o.title), measure: '', action });
      }
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
