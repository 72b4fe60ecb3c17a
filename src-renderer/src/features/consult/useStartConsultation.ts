/** Start a consultation (for a customer, or a walk-in with null) and open it. */
import { notifications } from '@mantine/notifications';
import { useMutate } from '../../api';
import { buildHash, navigate } from '../../app/router';

export function useStartConsultation() {
  const start = useMutate('consultation.start');
  return {
    start: (customerId: number | null) =>
      start.mutate(
        { customerId },
        {
          onSuccess: (c) => navigate(buildHash('/consult', { c: c.id })),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'The consultation could not start', message: e.message }),
        },
      ),
    pending: start.isPending,
    /** which customer is being started (null = walk-in), while pending */
    variables: start.variables,
  };
}
