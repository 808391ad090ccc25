/** Every generated sheet of a consolidation, in workbook order. */
import type { ContractRecords } from '../contract/contract-records';
import { GENERATED_TABLES } from '../contract/tables';
import type { Consolidation } from '../consolidation/consolidate';
import type { FollowUp } from '../consolidation/follow-up';
import type { EvaluationView } from '../consolidation/evaluation';
import type { GovernanceView } from '../consolidation/governance';
import type { Finding } from '../rules/findings';
import { controlsSheet } from './controls';
import { followUpSheets } from './follow-up-sheets';
import { evaluationSheet, governanceSheet } from './governance-sheets';
import { indicatorsSheet } from './indicators';
import { matrixSheet } from './matrix';
import type { PlacedSheet } from './placed';
import { summarySheet } from './summary';

export interface GeneratedInput {
  findings: readonly Finding[];
  consolidation: Consolidation;
  followUp: FollowUp;
  records: ContractRecords;
  example: boolean;
  governance: GovernanceView;
  evaluation: EvaluationView;
}

/** Names of the generated sheets, in workbook order. */
export const GENERATED_SHEETS: readonly string[] = [...new Set(GENERATED_TABLES.map((t) => t.sheet))];

export function generatedSheets(input: GeneratedInput): PlacedSheet[] {
  return [
    controlsSheet(input),
    summarySheet(input),
    matrixSheet(input),
    indicatorsSheet(input),
    ...followUpSheets(input),
    governanceSheet(input),
    evaluationSheet(input),
  ];
}
