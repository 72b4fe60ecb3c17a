/**
 * Review: consultations (filters, list, replay with coaching notes) and KPIs with definitions and
 * charts. An associate signed in sees their own. A manager's PIN unlocks the store's for Review only:
 * the unlock is a separate session used by this page's calls alone (its own API client and cache),
 * signed out when the page is left, so the person working at the laptop — to whom consultations are
 * credited — never changes.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Center, Drawer, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { ApiProvider, createApiClient, createQueryClient, SessionHolder, useApi, useCall } from '../../api';
import type { Actor } from '../auth/types';
import { PageHeader } from '../../components/PageHeader';
import { SignInForm } from '../auth/SignInForm';
import { ConsultationList } from './ConsultationList';
import { KpiPanel } from './KpiPanel';
import { Replay } from './Replay';
import { defaultFilters, type ReviewFilters } from './filters';

/** Review's calls under the manager's unlock session, with a cache of their own. */
function UnlockedApi({ token, children }: { token: string; children: ReactNode }) {
  const { client } = useApi();
  const scoped = useMemo(() => {
    const session = new SessionHolder();
    session.set(token);
    return createApiClient(client.transport, session);
  }, [client, token]);
  const queryClient = useMemo(() => createQueryClient(), []);
  return (
    <ApiProvider client={scoped} queryClient={queryClient}>
      {children}
    </ApiProvider>
  );
}

export function ReviewPage() {
  const { client } = useApi();
  const who = useCall('auth.whoami', {});
  const worker = who.data?.actor ?? null;
  const [unlock, setUnlock] = useState<{ token: string; actor: Actor } | null>(null);
  const [unlocking, setUnlocking] = useState(false);

  // leaving Review ends the unlock: main forgets the manager's session, this screen keeps its worker
  const unlockRef = useRef(unlock);
  unlockRef.current = unlock;
  useEffect(
    () => () => {
      const u = unlockRef.current;
      if (u) void client.transport.invoke('auth.signOut', {}, u.token);
    },
    [client],
  );
  const lock = () => {
    if (unlock) void client.transport.invoke('auth.signOut', {}, unlock.token);
    setUnlock(null);
  };

  const body = (
    <ReviewBody
      actor={unlock?.actor ?? worker}
      unlockedBy={unlock?.actor ?? null}
      worker={worker}
      unlocking={unlocking || (!worker && !unlock)}
      onUnlock={() => setUnlocking(true)}
      onLock={lock}
      onUnlocked={(actor, token) => {
        setUnlock({ actor, token });
        setUnlocking(false);
      }}
    />
  );
  return unlock ? <UnlockedApi token={unlock.token}>{body}</UnlockedApi> : body;
}

function ReviewBody({
  actor,
  unlockedBy,
  worker,
  unlocking,
  onUnlock,
  onLock,
  onUnlocked,
}: {
  actor: Actor | null;
  unlockedBy: Actor | null;
  worker: Actor | null;
  unlocking: boolean;
  onUnlock: () => void;
  onLock: () => void;
  onUnlocked: (actor: Actor, token: string) => void;
}) {
  const [filters, setFilters] = useState<ReviewFilters>(() => defaultFilters());
  const [tab, setTab] = useState<string | null>('consultations');
  const [open, setOpen] = useState<string | null>(null);
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
              <Button size="xs" variant="default" leftSection={<IconLock size={14} />} onClick={onUnlock}>
                Manager unlock
              </Button>
            )}
            {unlockedBy && (
              <Button size="xs" variant="default" leftSection={<IconLock size={14} />} onClick={onLock}>
                Lock Review
              </Button>
            )}
          </Group>
        }
      />
      {unlockedBy && (
        <Alert color="violet" variant="light" icon={<IconLockOpen size={18} />} mb="md" data-testid="review-unlocked">
          Unlocked for {unlockedBy.name} until you leave Review.{' '}
          {worker
            ? `${worker.name} is still the person working at this laptop.`
            : 'Nobody is signed in at this laptop.'}
        </Alert>
      )}
      {unlocking ? (
        <Center mt="xl">
          <Card withBorder padding="lg" w={380}>
            <Group gap="xs" mb="sm">
              <IconLock size={18} />
              <Text fw={600}>Review is for store managers</Text>
            </Group>
            <Text size="sm" c="dimmed" mb="md">
              A manager’s PIN unlocks the store’s consultations and figures until you leave Review. The person working
              at this laptop stays signed in.
            </Text>
            <SignInForm managersOnly keepWorkingPerson submitLabel="Unlock Review" onSignedIn={onUnlocked} />
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
              atHeadOffice={isHq}
              onDrill={(f) => {
                setFilters({ ...f, sort: filters.sort });
                setTab('consultations');
              }}
            />
          </Tabs.Panel>
        </Tabs>
      )}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="xl"
        title={<Text fw={600}>Consultation replay</Text>}
      >
        {open && <Replay consultationId={open} />}
      </Drawer>
    </Stack>
  );
}
