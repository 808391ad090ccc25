/** Files for the command line's commands: opening a workbook to read, and comparing paths. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { XlsxFileReader, type ReadLimits } from '../xlsx/read/reader';
import { UserError } from '../../core/shared/errors';

export interface OpenOptions {
  limits?: ReadLimits;
  /** How messages name the file (default « Le fichier « x » »). */
  label?: string;
  /** What a folder given instead should have been (default « un fichier .xlsx »). */
  expected?: string;
}

/** Reads a workbook file, or says in one French sentence why it cannot (never a stack trace). */
export async function openWorkbook(file: string, options: OpenOptions = {}): Promise<XlsxFileReader> {
  const { limits } = options;
  const label = options.label ?? `Le fichier « ${file} »`;
  let buf: Buffer;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw new UserError(`« ${file} » est un dossier, ${options.expected ?? 'un fichier .xlsx'} est attendu.`);
    if (limits && st.size > limits.maxFileBytes) {
      const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} Mo`.replace('.', ',');
      throw new UserError(
        `Le fichier « ${path.basename(file)} » fait ${mb(st.size)}, plus que la limite de ${mb(limits.maxFileBytes)} pour un fichier importé : il n’a pas été lu.`,
      );
    }
    buf = await fs.readFile(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${label} est introuvable.`);
    if (code === 'EACCES') throw new UserError(`${label} ne peut pas être lu : accès refusé.`);
    throw new UserError(`${label} ne peut pas être lu (${code ?? 'erreur inconnue'}).`);
  }
  return XlsxFileReader.fromBuffer(buf, path.basename(file), limits);
}

/** Whether two paths name the same file (links resolved). */
export async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  return (await real(a)) === (await real(b));
}
