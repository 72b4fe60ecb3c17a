/**
 * "Who is working": the signed-in person as a chip, with quick switch and sign-out. Meant for the
 * header; every call after a switch carries the new person's session.
 */
import { useState } from 'react';
import { Button, Menu, Modal, Text } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import { useApi, useCall, useMutate } from '../../api';
import { SignInForm } from './SignInForm';

export function WhoIsWorking() {
  const { client } = useApi();
  const who = useCall('auth.whoami', {});
  const signOut = useMutate('auth.signOut');
  const [open, setOpen] = useState(false);
  const actor = who.data?.actor ?? null;

  return (
    <>
      {actor ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="light" size="xs" leftSection={<IconUserCircle size={16} />} aria-label={`Signed in as ${actor.name}`} data-testid="who-is-working">
              {actor.name}
              {actor.role === 'manager' ? ' · manager' : ''}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => setOpen(true)}>Switch person</Menu.Item>
            <Menu.Item
              color="red"
              onClick={() => signOut.mutate({}, { onSettled: () => client.session.set(null) })}
            >
              Sign out
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : (
        <Button variant="default" size="xs" leftSection={<IconUserCircle size={16} />} onClick={() => setOpen(true)} data-testid="who-is-working">
          Who is working?
        </Button>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={<Text fw={600}>Who is working?</Text>} centered>
        <SignInForm onSignedIn={() => setOpen(false)} />
      </Modal>
    </>
  );
}
