/**
 * "Who is working": the signed-in person as a chip, with quick switch and sign-out. Meant for the
 * header; every call after a switch carries the new person's session.
 *
 * At start the app asks once (issue: "the app asks who is working at start"), so consultations are
 * credited to the right associate from the first customer of the shift. "Not now" is always there: a
 * shared laptop must never be locked behind a PIN to look up a product. Asked once per window session
 * (sessionStorage), so moving between screens or reloading does not nag.
 */
import { useEffect, useState } from 'react';
import { Button, Menu, Modal, Stack, Text } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import { useApi, useCall, useMutate } from '../../api';
import { SignInForm } from './SignInForm';

const ASKED_AT_START = 'aisle.whoIsWorkingAsked';

function askedAlready(): boolean {
  try {
    return sessionStorage.getItem(ASKED_AT_START) === '1';
  } catch {
    return true; // storage blocked: never ask rather than ask on every screen
  }
}

function rememberAsked(): void {
  try {
    sessionStorage.setItem(ASKED_AT_START, '1');
  } catch {
    /* storage blocked: asking again next start is harmless */
  }
}

export function WhoIsWorking() {
  const { client } = useApi();
  const who = useCall('auth.whoami', {});
  const people = useCall('auth.people', {});
  const signOut = useMutate('auth.signOut');
  const [open, setOpen] = useState(false);
  const [atStart, setAtStart] = useState(false);
  const actor = who.data?.actor ?? null;
  const anyoneCanSignIn = (people.data?.people ?? []).some((p) => p.hasPin);

  useEffect(() => {
    if (!who.isSuccess || !people.isSuccess || actor || !anyoneCanSignIn || askedAlready()) return;
    rememberAsked();
    setAtStart(true);
    setOpen(true);
  }, [who.isSuccess, people.isSuccess, actor, anyoneCanSignIn]);

  const close = () => {
    setOpen(false);
    setAtStart(false);
  };

  return (
    <>
      {actor ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconUserCircle size={16} />}
              aria-label={`Signed in as ${actor.name}`}
              data-testid="who-is-working"
            >
              {actor.name}
              {actor.role === 'manager' ? ' · manager' : ''}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => setOpen(true)}>Switch person</Menu.Item>
            <Menu.Item color="red" onClick={() => signOut.mutate({}, { onSettled: () => client.session.set(null) })}>
              Sign out
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : (
        <Button
          variant="default"
          size="xs"
          leftSection={<IconUserCircle size={16} />}
          onClick={() => setOpen(true)}
          data-testid="who-is-working"
        >
          Who is working?
        </Button>
      )}
      <Modal
        opened={open}
        onClose={close}
        title={<Text fw={600}>Who is working?</Text>}
        closeButtonProps={{ 'aria-label': 'Close' }}
        centered
      >
        <Stack gap="sm">
          {atStart && (
            <Text size="sm" c="dimmed">
              Sign in so today&apos;s consultations are credited to you. You can look things up without signing in.
            </Text>
          )}
          <SignInForm onSignedIn={close} />
          {atStart && (
            <Button variant="subtle" color="gray" onClick={close}>
              Not now
            </Button>
          )}
        </Stack>
      </Modal>
    </>
  );
}
