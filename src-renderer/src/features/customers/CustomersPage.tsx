/**
 * Customers: find someone (as you type, or from the recent list) and read their profile; start a
 * consultation from there. State in the hash: #/customers?customer=<id>.
 */
import { Button, EmptyState, Paper } from '@mantine/core';
import { IconMessagePlus, IconUserSearch } from '@tabler/icons-react';
import { buildHash, navigate, useRoute } from '../../app/router';
import { CustomerFacingToggle } from '../../components/CustomerFacing';
import { PageHeader } from '../../components/PageHeader';
import { useStartConsultation } from '../consult/useStartConsultation';
import { CustomerSearch } from './CustomerSearch';
import { ProfilePanel } from './ProfilePanel';
import classes from './Customers.module.css';

export function CustomersPage() {
  const route = useRoute();
  const raw = route.params.get('customer');
  const customerId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const starter = useStartConsultation();

  return (
    <>
      <PageHeader
        title="Customers"
        description="Find a customer by name, email, phone or loyalty number, and see what they bought and what fits them."
        actions={<CustomerFacingToggle />}
      />
      <div className={classes.layout}>
        <Paper
          withBorder
          radius="lg"
          p="md"
          className={classes.searchColumn}
          component="section"
          aria-label="Find a customer"
        >
          <CustomerSearch
            autoFocus
            selectedId={customerId}
            onPick={(c) => navigate(buildHash('/customers', { customer: String(c.customerId) }))}
          />
        </Paper>
        <div>
          {customerId !== null ? (
            <ProfilePanel
              key={customerId}
              customerId={customerId}
              actions={
                <Button
                  size="md"
                  leftSection={<IconMessagePlus size={18} />}
                  loading={starter.pending}
                  onClick={() => starter.start(customerId)}
                >
                  Start consultation
                </Button>
              }
            />
          ) : (
            <Paper withBorder radius="lg" p="xl">
              <EmptyState
                icon={<IconUserSearch size={34} stroke={1.5} />}
                variant="light"
                title="No customer open"
                description="Type a name, email, phone number or loyalty number on the left, or pick a recent customer."
              />
            </Paper>
          )}
        </div>
      </div>
    </>
  );
}
