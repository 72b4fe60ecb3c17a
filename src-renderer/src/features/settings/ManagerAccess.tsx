/**
 * Manager-only actions (sync, import, storing a key) need a signed-in manager. This bar says who is
 * signed in and offers a PIN sign-in limited to managers. It stands in until the app-wide sign-in
 * (features/auth) lands; both share the one session holder, so a sign-in made there shows here.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { IconLock, IconLogout, IconShieldCheck } from '@tabler/icons-react';
import { isCallError, useApi, useCall, useMutate } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';

export function useManager() {
  const whoami = useCall('auth.whoami', {});
  const actor = whoami.data?.actor ?? null;
  return { actor, isManager: actor?.role === 'manager', refetch: whoami.refetch };
}

function SignInModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { client } = useApi();
  const people = useCall('auth.people', {}, { enabled: opened });
  const { refetch } = useManager();
  const signIn = useMutate('auth.signIn');
  const managers = (people.data?.people ?? []).filter((p) => p.role === 'manager' && p.hasPin);
  const [who, setWho] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const chosen = who ?? managers[0]?.id ?? null;

  const submit = async () => {
    if (!chosen) return;
    try {
      const r = await signIn.mutateAsync({ associateId: chosen, pin });
      client.session.set(r.sessionToken);
      setPin('');
      await refetch();
      onClose();
    } catch {
      setPin('');
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Sign in as a manager" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Syncing, importing files and storing keys change this store&apos;s data, so a manager signs in first.
          </Text>
          {people.error && (
            <ErrorNotice error={people.error} onRetry={() => people.refetch()} what="loading the managers" />
          )}
          <Select
            label="Manager"
            data={managers.map((m) => ({ value: m.id, label: m.name }))}
            value={chosen}
            onChange={setWho}
            allowDeselect={false}
            placeholder={
              people.isPending ? 'Loading…' : managers.length ? 'Pick a manager' : 'No manager can sign in yet'
            }
            comboboxProps={{ withinPortal: true }}
          />
          <PasswordInput
            label="PIN"
            value={pin}
            onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 8))}
            inputMode="numeric"
            autoComplete="off"
            data-autofocus
          />
          {signIn.error && (
            <Alert color="red" variant="light" role="alert" title="Not signed in">
              {signIn.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={signIn.isPending} disabled={!chosen || pin.length < 4}>
              Sign in
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Signed in as Morgan (manager)" or what a manager is needed for, with sign-in / sign-out. */
export function ManagerBar({ needFor }: { needFor: string }) {
  const { client } = useApi();
  const { actor, isManager, refetch } = useManager();
  const signOut = useMutate('auth.signOut');
  const [open, setOpen] = useState(false);

  if (isManager && actor) {
    return (
      <Group gap="sm" justify="space-between" wrap="nowrap" data-testid="manager-bar">
        <Group gap={6} wrap="nowrap">
          <IconShieldCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />
          <Text size="sm">
            Signed in as <b>{actor.name}</b> (manager)
          </Text>
        </Group>
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          leftSection={<IconLogout size={16} />}
          onClick={async () => {
            await signOut.mutateAsync({}).catch(() => undefined);
            client.session.set(null);
            await refetch();
          }}
        >
          Sign out
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="sm" justify="space-between" wrap="nowrap" data-testid="manager-bar">
      <Group gap={6} wrap="nowrap">
        <IconLock size={18} color="var(--mantine-color-gray-6)" aria-hidden />
        <Text size="sm" c="dimmed">
          {actor ? `${actor.name} is signed in as an associate. ` : ''}
          {needFor} need a manager.
        </Text>
      </Group>
      <Button size="xs" variant="light" onClick={() => setOpen(true)}>
        Sign in as a manager
      </Button>
      <SignInModal opened={open} onClose={() => setOpen(false)} />
    </Group>
  );
}

/** A failed manager action: role problems read as "a manager needs to sign in", others as usual. */
export function ActionError({ error, what }: { error: unknown; what: string }) {
  if (isCallError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')) {
    return (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconLock size={20} />}
        title={`A manager needs to sign in — ${what}`}
        role="alert"
      >
        <Text size="sm">{error.message}</Text>
      </Alert>
    );
  }
  return <ErrorNotice error={error} what={what} />;
}
