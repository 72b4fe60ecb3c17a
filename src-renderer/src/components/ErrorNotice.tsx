/**
 * How a failed call reads to an associate: a plain title by error code, the service's own message
 * (which names what went wrong), and a retry when retrying can help.
 */
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import { isCallError } from '../api';

const TITLES: Record<string, string> = {
  UNAVAILABLE: 'Aisle is not answering',
  UNAUTHENTICATED: 'This screen is not connected to Aisle',
  FORBIDDEN: 'Not allowed for your role',
  NOT_FOUND: 'Not found',
  VALIDATION: 'That request was not accepted',
  CONFLICT: 'Someone changed this in the meantime',
  UPSTREAM: 'A connected system did not answer',
  RATE_LIMITED: 'Too many requests just now',
  INTERNAL: 'Something went wrong in Aisle',
};

export function errorTitle(error: unknown): string {
  return (isCallError(error) && TITLES[error.code]) || 'Something went wrong';
}

export function ErrorNotice({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what?: string }) {
  const code = isCallError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  const Icon = code === 'UNAVAILABLE' || code === 'UNAUTHENTICATED' ? IconPlugConnectedX : IconAlertTriangle;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<Icon size={22} />}
      title={what ? `${errorTitle(error)} — ${what}` : errorTitle(error)}
      role="alert"
    >
      <Text size="sm">{message}</Text>
      <Group mt="xs" gap="sm">
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
        <Text size="xs" c="dimmed">
          Error code {code}
        </Text>
      </Group>
    </Alert>
  );
}
