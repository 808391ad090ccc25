/**
 * LibreOffice Calc for the tests: converts a workbook with a profile that recalculates every
 * formula on load (by default LibreOffice keeps an .xlsx file's cached values, which would make
 * any comparison with the tool's own figures pointless).
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';

export function soffice(): string {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice']) if (existsSync(p)) return p;
  throw new Error('LibreOffice (soffice) is required by this test: .ci/run installs libreoffice-calc');
}

const RECALCULATE_ON_LOAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load">' +
  '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>\n';

/**
 * Converts `file` to `to` (`xlsx`, `pdf`, `csv:…`) in `outDir`, with every formula recalculated;
 * `work` holds LibreOffice's profile and home. Returns the converted file's path.
 */
export function convertRecalculated(file: string, to: string, outDir: string, work: string): string {
  const profile = path.join(work, 'lo-profile');
  if (!existsSync(profile)) {
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), RECALCULATE_ON_LOAD);
  }
  execFileSync(
    soffice(),
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--calc', '--convert-to', to, '--outdir', outDir, file],
    { stdio: 'pipe', env: { ...process.env, HOME: work }, timeout: 120_000 },
  );
  return path.join(outDir, path.basename(file).replace(/\.xlsx$/, '.' + to.split(':')[0]));
}
