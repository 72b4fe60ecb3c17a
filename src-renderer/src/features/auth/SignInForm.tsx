/**
 * PIN sign-in: pick yourself, type your PIN. The session token main returns is kept in memory only
 * (api/session.ts), so a reload signs out — the safe default on a shared store laptop.
 */
import { useState } from 'react';
import { Button, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { createApiClient, SessionHolder, useApi, useCall, useMutate, type CallError } from '../../api';
import type { CallOutput } from '../../../../src-main/contract';
import type { Actor } from './types';

export function SignInForm({
  managersOnly = false,
  onSignedIn,
  submitLabel = 'Sign in',
  keepWorkingPerson = false,
}: {
  managersOnly?: boolean;
  onSignedIn?: (actor: Actor, sessionToken: string) => void;
  submitLabel?: string;
  /** a scoped unlock (Review): the caller keeps the token; the person working at this screen stays */
  keepWorkingPerson?: boolean;
}) {
  const { client } = useApi();
  const people = useCall('auth.people', {});
  const signInHere = useMutate('auth.signIn');
  // an unlock signs in without the working person's session: main would otherwise end theirs (a switch)
  const signInAside = useMutation<CallOutput<'auth.signIn'>, CallError, { associateId: string; pin: string }>({
    mutationFn: (input) => createApiClient(client.transport, new SessionHolder()).call('auth.signIn', input),
  });
  const signIn = keepWorkingPerson ? signInAside : signInHere;
  const [who, setWho] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const choices = (people.data?.people ?? []).filter((p) => p.hasPin && (!managersOnly || p.role === 'manager'));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!who || !pin) return;
    signIn.mutate(
      { associateId: who, pin },
      {
        onSuccess: (r) => {
          if (!keepWorkingPerson) client.session.set(r.sessionToken);
          setPin('');
          onSignedIn?.(r.actor, r.sessionToken);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label={managersOnly ? 'Manager sign-in' : 'Sign in'}>
      <Stack gap="sm">
        <Select
          label={managersOnly ? 'Manager' : 'Your name'}
          placeholder={people.isLoading ? 'Loading…' : 'Pick your name'}
          data={choices.map((p) => ({
            value: p.id,
            label: p.role === 'manager' && !managersOnly ? `${p.name} (manager)` : p.name,
          }))}
          value={who}
          onChange={setWho}
          searchable
          nothingFoundMessage="No one by that name"
        />
        <PasswordInput
          label="PIN"
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 8))}
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
        />
        {signIn.error && (
          <Text c="red" size="sm" role="alert">
            {signIn.error.message}
          </Text>
        )}
        <Button type="submit" disabled={!who || pin.length < 4} loading={signIn.isPending}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
