/** The signed-in head-office manager in the header, with sign-out (which ends the session at HQ). */
import { Button, Menu, Text } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import { useApi, useCall, useMutate } from '../../api';

export function HqManagerChip() {
  const { client } = useApi();
  const who = useCall('auth.whoami', {});
  const signOut = useMutate('auth.signOut');
  const actor = who.data?.actor ?? null;
  if (!actor) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconUserCircle size={18} />} data-testid="hq-manager">
          {actor.name}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs">Signed in at head office</Text>
        </Menu.Label>
        <Menu.Item onClick={() => signOut.mutate({}, { onSettled: () => client.session.set(null) })}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
