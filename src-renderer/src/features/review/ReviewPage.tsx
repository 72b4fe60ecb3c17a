/**
 * Review: consultations (filters, list, replay with coaching notes) and KPIs with definitions and
 * charts. Managers unlock it with their PIN and see the store; an associate signed in sees their own.
 */
import { useState } from 'react';
import { Button, Card, Center, Drawer, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useCall } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { SignInForm } from '../auth/SignInForm';
import { ConsultationList } from './ConsultationList';
import { KpiPanel } from './KpiPanel';
import { Replay } from './Replay';
import { defaultFilters, type ReviewFilters } from './filters';

export function ReviewPage() {
  const who = useCall('auth.whoami', {});
  const actor = who.data?.actor ?? null;
  const [filters, setFilters] = useState<ReviewFilters>(() => defaultFilters());
  const [tab, setTab] = useState<string | null>('consultations');
  const [open, setOpen] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState(false);
  const isManager = actor?.role === 'manager';
  const isHq = useCall('app.status', {}).data?.mode === 'hq';

  return (
    <Stack gap={0} p="lg">
      <PageHeader
        title="Review"
        description={
          isHq
            ? 'Replay the consultations of the stores you manage and follow their figures. Coaching notes are written on the store’s laptop.'
            : isManager
              ? 'Replay consultations, coach, and follow the store’s figures.'
              : 'Your consultations and figures. Managers see the whole store.'
        }
        actions={
          <Group gap="sm">
            {actor && !isManager && (
              <Button size="xs" variant="default" leftSection={<IconLock size={14} />} onClick={() => setUnlocking(true)}>
                Manager unlock
              </Button>
            )}
          </Group>
        }
      />
      {!actor || unlocking ? (
        <Center mt="xl">
          <Card withBorder padding="lg" w={380}>
            <Group gap="xs" mb="sm">
              <IconLock size={18} />
              <Text fw={600}>Review is for store managers</Text>
            </Group>
            <Text size="sm" c="dimmed" mb="md">
              Sign in with a manager PIN to see the store’s consultations and figures.
            </Text>
            <SignInForm managersOnly submitLabel="Unlock Review" onSignedIn={() => setUnlocking(false)} />
          </Card>
        </Center>
      ) : (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="consultations">Consultations</Tabs.Tab>
            <Tabs.Tab value="kpis">Figures</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="consultations">
            <ConsultationList filters={filters} setFilters={setFilters} onOpen={setOpen} isManager={isManager} />
          </Tabs.Panel>
          <Tabs.Panel value="kpis">
            <KpiPanel
              filters={filters}
              isManager={isManager}
              onDrill={(f) => {
                setFilters({ ...f, sort: filters.sort });
                setTab('consultations');
              }}
            />
          </Tabs.Panel>
        </Tabs>
      )}
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="xl" title={<Text fw={600}>Consultation replay</Text>}>
        {open && <Replay consultationId={open} />}
      </Drawer>
    </Stack>
  );
}
