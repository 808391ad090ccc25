/** Host detection, isolated here: is the pane running inside Excel, and with which features? */
import { hostFeatures } from '../../adapters/office/run';
import type { Feature } from '../../adapters/office/features';

export interface HostInfo {
  inExcel: boolean;
  platform: string | null;
  features: ReadonlySet<Feature['id']>;
  /** The minimum requirement set (ExcelApi 1.7) is there. */
  supported: boolean;
}

export async function detectHost(): Promise<HostInfo> {
  if (typeof Office === 'undefined') return { inExcel: false, platform: null, features: new Set(), supported: false };
  const info = await Office.onReady();
  const inExcel = info.host === Office.HostType.Excel;
  return {
    inExcel,
    platform: info.platform ? String(info.platform) : null,
    features: inExcel ? hostFeatures() : new Set(),
    supported: inExcel && !!Office.context?.requirements?.isSetSupported('ExcelApi', '1.7'),
  };
}
