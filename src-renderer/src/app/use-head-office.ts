/** Whether this laptop sends records to a head office at all (an HQ source is configured). */
import { useCall } from '../api';

export function useHeadOffice(): boolean {
  return useCall('app.status', {}).data?.headOffice ?? false;
}
