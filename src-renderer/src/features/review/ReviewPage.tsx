/** Manager review: consultation replay and KPIs. */
import { IconReportAnalytics } from '@tabler/icons-react';
import { ComingSoon } from '../../components/ComingSoon';

export function ReviewPage() {
  return (
    <ComingSoon title="Review" description="For store managers: replay consultations and follow how they convert." icon={IconReportAnalytics}>
      Here managers will replay consultations as a timeline, add coaching notes, and see engagement, acceptance, conversion
      and response-time figures per store and associate, with CSV export.
    </ComingSoon>
  );
}
