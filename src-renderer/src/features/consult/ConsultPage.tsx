/**
 * Consult: who are you helping (search, recent customers, or walk-in), and your recent consultations.
 * With #/consult?c=<id>, the consultation itself (open: the workspace; ended: its record).
 */
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconUserQuestion } from '@tabler/icons-react';
import { useRoute } from '../../app/router';
import { CustomerFacingToggle, useCustomerFacing } from '../../components/CustomerFacing';
import { PageHeader } from '../../components/PageHeader';
import { CustomerSearch } from '../customers/CustomerSearch';
import { RecentConsultations } from './RecentConsultations';
import { useStartConsultation } from './useStartConsultation';
import { Workspace } from './Workspace';
import classes from './Consult.module.css';

function StartScreen() {
  const starter = useStartConsultation();
  const [customerFacing] = useCustomerFacing();
  return (
    <>
      <PageHeader
        title="Consult"
        description="Start a consultation: find the customer, or begin as a walk-in."
        actions={<CustomerFacingToggle />}
      />
      <div className={classes.startGrid}>
        <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="who-title">
          <Group justify="space-between" mb="sm" wrap="nowrap">
            <Title order={2} fz="lg" id="who-title">
              Who are you helping?
            </Title>
            <Button
              size="md"
              variant="light"
              leftSection={<IconUserQuestion size={18} />}
              onClick={() => starter.start(null)}
              loading={starter.pending && starter.variables?.customerId === null}
            >
              Walk-in
            </Button>
          </Group>
          <Text size="sm" c="dark.4" mb="sm">
            Pick a customer to start with their sizes and history, or “Walk-in” to start without one.
          </Text>
          <CustomerSearch autoFocus onPick={(c) => starter.start(c.customerId)} />
        </Paper>
        <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="recent-title">
          <Stack gap="sm">
            <Title order={2} fz="lg" id="recent-title">
              Your recent consultations
            </Title>
            <RecentConsultations hideValues={customerFacing} />
          </Stack>
        </Paper>
      </div>
    </>
  );
}

export function ConsultPage() {
  const route = useRoute();
  const id = route.params.get('c');
  return id ? <Workspace consultationId={id} /> : <StartScreen />;
}
