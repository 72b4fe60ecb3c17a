/**
 * Head-office sign-in: a manager's HQ account (id + password, made with `aisle hq manager add`),
 * not a till PIN. The session lives in memory only, like on a laptop: a reload signs out.
 */
import { useState } from 'react';
import { Button, Card, Center, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useApi, useMutate } from '../../api';

export function HqSignIn() {
  const { client } = useApi();
  const signIn = useMutate('hq.signIn');
  const [managerId, setManagerId] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!managerId.trim() || !password) return;
    signIn.mutate(
      { managerId: managerId.trim(), password },
      {
        onSuccess: (r) => {
          setPassword('');
          client.session.set(r.sessionToken);
        },
      },
    );
  };

  return (
    <Center mt={80}>
      <Card withBorder padding="lg" w={400}>
        <Group gap="xs" mb="sm">
          <IconLock size={18} />
          <Text fw={600}>Head office sign-in</Text>
        </Group>
        <Text size="sm" c="dimmed" mb="md">
          For store and regional managers: consultations and figures of the stores you manage.
        </Text>
        <form onSubmit={submit} aria-label="Manager sign-in">
          <Stack gap="sm">
            <TextInput
              label="Manager id"
              value={managerId}
              onChange={(e) => setManagerId(e.currentTarget.value)}
              autoComplete="username"
            />
            <PasswordInput
              label="Password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
            />
            {signIn.error && (
              <Text c="red" size="sm" role="alert">
                {signIn.error.message}
              </Text>
            )}
            <Button type="submit" disabled={!managerId.trim() || !password} loading={signIn.isPending}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
