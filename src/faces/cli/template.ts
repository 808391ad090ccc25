/**
 * `suivi-ess template`: writes the yearly report template (modèle de bilan) of one action and one
 * year, to send to the action's operator. With `--from`, the follow-up workbook gives the action
 * plan, the indicator catalogue, the funders and the year's commitments on the action.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { exists, openWorkbook, samePath } from '../../adapters/node/files';
import { XlsxNewWorkbook } from '../../adapters/node/new-workbook';
import { readContractTables } from '../../commands/read-contract';
import { analyse, type Analysis } from '../../core/analysis/analyse';
import { planRows, type Framework } from '../../core/framework';
import { reportTemplateSheets } from '../../core/layout/report-template';
import { templateFileName, workbookTemplateInput, type TemplateInput } from '../../core/reports/template-input';
import { UserError } from '../../core/shared/errors';
import { fr } from '../../core/shared/typography';
import { frameworkOption } from './main';

export interface TemplateOptions {
  /** Framework id (`--framework`). */
  framework: string;
  /** Action code (`--action`). */
  action: string;
  /** Year of the report, as typed (`--year`). */
  year: string;
  /** Operator's name (`--operator`), written in the template when given. */
  operator?: string;
  /** Follow-up workbook to take the plan, indicators, funders and commitments from (`--from`). */
  from?: string;
  /** Output .xlsx file (`-o`), or an existing folder to write `bilan-<year>-<action>….xlsx` in. */
  output: string;
  /** Replace an existing output file (`--force`). */
  force: boolean;
}

export interface TemplateIo {
  out(s: string): void;
  progress(s: string): void;
}

const isDirectory = (p: string) =>
  fs.stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

function yearOf(text: string, f: Framework): number {
  const t = text.trim();
  const y = Number(t);
  if (!/^\d{4}$/.test(t) || y < f.period.start || y > f.period.end) {
    throw new UserError('USAGE-ANNEE', { start: f.period.start, end: f.period.end, framework: f.id, option: '--year', found: text });
  }
  return y;
}

interface ActionInfo {
  code: string;
  title: string;
  axis?: string;
}

/** The action, from the workbook's plan when there is one, else from the framework's. */
function actionOf(text: string, f: Framework, a: Analysis | null, from: string | undefined): ActionInfo {
  const wanted = text.trim();
  const candidates: ActionInfo[] = [
    ...(a?.records.actions ?? []).map((r) => ({ code: r.code, title: r.title ?? '', axis: r.axis })),
    ...planRows(f).map((r) => ({ code: r.action.code, title: r.action.title, axis: r.axis })),
  ];
  const found =
    candidates.find((c) => c.code === wanted) ??
    (wanted ? candidates.find((c) => c.code.toLowerCase() === wanted.toLowerCase()) : undefined);
  if (found) return { ...found, title: found.title || found.code };
  const codes = [...new Set(candidates.map((c) => c.code))];
  const named = wanted ? fr` « ${wanted} »` : '';
  if (codes.length === 0) {
    throw new UserError('USAGE-SANS-ACTIONS', {
      where: from ? fr`ni par le cadre ${f.id} ni dans le Plan d’actions de « ${from} »` : `par le cadre ${f.id}`,
      what: from
        ? fr`ajoutez l’action${named} au Plan d’actions du classeur de suivi`
        : fr`ajoutez --from <classeur de suivi> dont le Plan d’actions contient l’action${named}`,
    });
  }
  const list = codes.length > 30 ? `${codes.slice(0, 30).join(', ')}…` : codes.join(', ');
  const where = from ? fr`du cadre ${f.id} ou du Plan d’actions de « ${from} »` : `du cadre ${f.id}`;
  if (!wanted)
    throw new UserError('USAGE-OPTION-MANQUANTE', { option: '--action <code>', expected: fr`un code d’action ${where} (${list})` });
  throw new UserError('USAGE-ACTION-INCONNUE', { where, found: text, list });
}

/**
 * Writes the report template of one action and one year. Returns the exit code (0); every
 * problem of usage or input is a `UserError` with one French sentence.
 */
export async function cmdTemplate(options: TemplateOptions, io: TemplateIo): Promise<number> {
  const f = frameworkOption(options.framework);
  const year = yearOf(options.year ?? '', f);
  const operator = options.operator?.trim() || null;
  if (!options.output?.trim()) throw new UserError('USAGE-SORTIE-MANQUANTE', { extension: '.xlsx' });

  let analysis: Analysis | null = null;
  if (options.from) {
    if (await samePath(options.from, options.output)) throw new UserError('SORTIE-EGALE-ENTREE', { file: options.output });
    io.progress(`lecture de ${options.from}`);
    const reader = await openWorkbook(options.from, {
      label: fr`Le classeur de suivi « ${options.from} » (--from)`,
      expected: 'un classeur de suivi .xlsx (option --from)',
    });
    analysis = analyse(await readContractTables(reader));
    const declared = analysis.evaluation.frame.id;
    if (declared && declared !== f.id) throw new UserError('USAGE-CADRE-DIFFERENT', { file: options.from, declared, given: f.id });
  }
  const action = actionOf(options.action ?? '', f, analysis, options.from);

  let out = options.output;
  if ((await isDirectory(out)) || /[\\/]$/.test(out)) out = path.join(out, templateFileName(action.code, year, operator));
  if (!/\.xlsx$/i.test(out)) throw new UserError('USAGE-SORTIE-EXTENSION', { extension: '.xlsx', file: options.output });
  if (options.from && (await samePath(options.from, out))) throw new UserError('SORTIE-EGALE-ENTREE', { file: out });
  if (!options.force && (await exists(out))) throw new UserError('FICHIER-EXISTE', { file: out });

  const fromFile = analysis ? workbookTemplateInput(analysis, action.code, year) : null;
  const input: TemplateInput = { framework: f, action, year, operator, ...fromFile?.taken };

  const wb = new XlsxNewWorkbook();
  await wb.writeSheets(reportTemplateSheets(input));
  io.progress(`écriture de ${out}`);
  await wb.save(out);

  const details = [`action ${action.code}`, `année ${year}`, operator ? `opérateur ${operator}` : 'opérateur à saisir'];
  if (fromFile) {
    const n = fromFile.taken.commitments?.length ?? 0;
    details.push(
      fr`${n} financeur(s) engagé(s) repris de ${options.from}${fromFile.taken.example ? fr`, montants fictifs (classeur d’exemple)` : ''}`,
    );
  }
  io.out(fr`Modèle de bilan créé : ${out} (${details.join(', ')}).`);
  if (fromFile && fromFile.skipped > 0) {
    io.out(
      fr`Attention : ${fromFile.skipped} engagement(s) de l’action en ${year} n’ont pas été repris (financeur inconnu ou montant illisible) ; « suivi-ess validate ${options.from} » les signale.`,
    );
  }
  return 0;
}
