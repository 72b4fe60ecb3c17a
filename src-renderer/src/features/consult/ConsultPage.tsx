/** The consultation workspace (issue 6): chat with the copilot, product cards, shortlist, outcome. */
import { IconMessages } from '@tabler/icons-react';
import { ComingSoon } from '../../components/ComingSoon';

export function ConsultPage() {
  return (
    <ComingSoon title="Consult" description="Talk with a customer and get grounded suggestions from the copilot." icon={IconMessages}>
      Here you will start a consultation for a customer or a walk-in, describe what they need, and see products that are in stock
      here, in their size and budget, each with a reason. Until then, use Catalog to find products and stock.
    </ComingSoon>
  );
}
