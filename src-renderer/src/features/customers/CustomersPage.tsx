/** Customer lookup and profile (issue 6). */
import { IconUsers } from '@tabler/icons-react';
import { ComingSoon } from '../../components/ComingSoon';

export function CustomersPage() {
  return (
    <ComingSoon title="Customers" description="Find a customer by name, email, phone or loyalty id." icon={IconUsers}>
      Here you will look up customers and open their profile: purchase history, sizes and preferences, consent and notes.
    </ComingSoon>
  );
}
