/**
 * Settings → Copilot: which engines answer (provider, URL, model, on this machine or in the cloud),
 * whether each has its key and where from. The key itself never reaches this screen: a key can
 * only be handed to main (when the OS can encrypt it), and the field is emptied right after.
 */
import { useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Code,
  Group,
  List,
  Paper,
  PasswordInput,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCloud, IconDeviceDesktop, IconKey, IconPlugConnected } from '@tabler/icons-react';
import type { CallOutput } from '../../../../src-main/contract';
import { useCall, useMutate } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ActionError, ManagerBar } from './ManagerAccess';
import { keySourceText } from './settings-format';

type KeyStatus = CallOutput<'settings.llmKeys'>['providers'][number];

interface ProviderKeyConfig {
  name: string;
  apiKeyEnv?: string;
  apiKeyFile?: string;
  apiKeyStored?: boolean;
}

/** The key references (names of env vars / files, never keys) of each provider, from the effective configuration. */
function useKeyReferences(): { providers: Map<string, ProviderKeyConfig>; llmLocked: boolean } {
  const cfg = useCall('settings.config', {});
  const providers = new Map<string, ProviderKeyConfig>();
  let llmLocked = false;
  for (const e of cfg.data?.entries ?? []) {
    if (e.key === 'llm.providers') {
      try {
        for (const p of JSON.parse(e.value) as ProviderKeyConfig[]) providers.set(p.name, p);
      } catch {
        // not a list: nothing to show
      }
    }
    if (e.key.startsWith('llm.') && e.locked) llmLocked = true;
  }
  return { providers, llmLocked };
}

function HowToProvide({ config }: { config: ProviderKeyConfig | undefined }) {
  return (
    <List size="sm" spacing={2}>
      <List.Item>
        an environment variable: set <Code>apiKeyEnv</Code> in the configuration
        {config?.apiKeyEnv ? (
          <>
            {' '}
            (now <Code>{config.apiKeyEnv}</Code>)
          </>
        ) : null}{' '}
        and give that variable the key on this computer, or
      </List.Item>
      <List.Item>
        a key file readable only by this user: set <Code>apiKeyFile</Code>
        {config?.apiKeyFile ? (
          <>
            {' '}
            (now <Code>{config.apiKeyFile}</Code>)
          </>
        ) : null}
        .
      </List.Item>
    </List>
  );
}

function StoreKeyForm({ provider }: { provider: string }) {
  const [key, setKey] = useState('');
  const store = useMutate('settings.setLlmKey');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const k = key.trim();
        // The field is emptied at once: the key lives in main from here on, not in this page.
        setKey('');
        store.mutate({ provider, key: k });
      }}
    >
      <Group align="flex-end" gap="sm">
        <PasswordInput
          label={`New API key for ${provider}`}
          description="Stored encrypted by this computer's keychain; it is never shown again."
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          style={{ flex: 1, maxWidth: 460 }}
          visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the key while typing' }}
        />
        <Button
          type="submit"
          leftSection={<IconKey size={18} />}
          loading={store.isPending}
          disabled={key.trim().length < 8}
        >
          Store key
        </Button>
      </Group>
      {store.isSuccess && (
        <Text size="sm" c="teal.8" mt="xs" role="status">
          Key stored for {provider}.
        </Text>
      )}
      {store.error && (
        <Box mt="xs">
          <ActionError error={store.error} what={`storing the key for ${provider}`} />
        </Box>
      )}
    </form>
  );
}

function KeyCard({
  status,
  config,
  llmLocked,
}: {
  status: KeyStatus;
  config: ProviderKeyConfig | undefined;
  llmLocked: boolean;
}) {
  const canUseForm = status.canStore && config?.apiKeyStored === true && !llmLocked;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="llm-key"
      aria-label={`API key for ${status.provider}`}
      component="section"
    >
      <Group gap="xs" mb={6}>
        <Text fw={600}>{status.provider}</Text>
        {status.set ? (
          <Badge color="teal" variant="light" tt="none" radius="sm">
            Key set · {keySourceText(status.source)}
          </Badge>
        ) : status.loopback && !config?.apiKeyEnv && !config?.apiKeyFile && !config?.apiKeyStored ? (
          <Badge color="gray" variant="light" tt="none" radius="sm">
            No key needed (this computer)
          </Badge>
        ) : (
          <Badge color="orange" variant="light" tt="none" radius="sm">
            No key
          </Badge>
        )}
      </Group>
      {status.problem && (
        <Text size="sm" c="orange.9" mb={6}>
          {status.problem}
        </Text>
      )}
      {canUseForm ? (
        <StoreKeyForm provider={status.provider} />
      ) : (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {llmLocked
              ? 'The language model settings are locked by IT, so a key cannot be stored here.'
              : !status.canStore
                ? `This screen cannot store a key: ${status.canStoreReason ?? 'this computer offers no encrypted storage.'}`
                : 'This provider takes its key from the configuration, not from this screen (set "apiKeyStored": true to store one here).'}{' '}
            {status.set ? 'To change the key, update it where it comes from:' : 'Provide the key through'}
          </Text>
          <HowToProvide config={config} />
        </Stack>
      )}
    </Paper>
  );
}

export function CopilotSection() {
  const engines = useCall('copilot.engines', { probe: false });
  const [probe, setProbe] = useState(false);
  const probed = useCall('copilot.engines', { probe: true }, { enabled: probe });
  const keys = useCall('settings.llmKeys', {});
  const refs = useKeyReferences();
  const shown = probe && probed.data ? probed.data : engines.data;

  return (
    <Stack gap="lg">
      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="engines-title">
        <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
          <Stack gap={2}>
            <Title order={3} fz="lg" id="engines-title">
              Engines
            </Title>
            <Text size="sm" c="dimmed">
              {shown
                ? shown.llmEnabled
                  ? 'A language model answers first; the local engine answers when it cannot.'
                  : 'The built-in local engine answers. It works offline; a language model is off in the configuration (“llm.enabled”).'
                : ' '}
            </Text>
          </Stack>
          <Button
            variant="light"
            style={{ flexShrink: 0 }}
            leftSection={<IconPlugConnected size={18} />}
            onClick={() => (probe ? probed.refetch() : setProbe(true))}
            loading={probed.isFetching}
          >
            Check connections
          </Button>
        </Group>
        {engines.error && (
          <ErrorNotice error={engines.error} onRetry={() => engines.refetch()} what="loading the engines" />
        )}
        {probed.error && <ErrorNotice error={probed.error} what="checking the connections" />}
        {engines.isPending && <Skeleton h={100} />}
        {shown && (
          <Table.ScrollContainer minWidth={720}>
            <Table fz="sm" verticalSpacing={8} aria-label="Copilot engines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Engine</Table.Th>
                  <Table.Th>Where</Table.Th>
                  <Table.Th>Model</Table.Th>
                  <Table.Th>Address</Table.Th>
                  <Table.Th>Connection</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.engines.map((e) => (
                  <Table.Tr key={e.name} data-testid="engine-row">
                    <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {e.kind === 'local' ? 'Local engine' : e.name}
                    </Table.Td>
                    <Table.Td>
                      {e.kind === 'local' || e.loopback ? (
                        <Group gap={6} wrap="nowrap">
                          <IconDeviceDesktop size={16} aria-hidden />
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            This computer
                          </Text>
                        </Group>
                      ) : (
                        <Group gap={6} wrap="nowrap">
                          <IconCloud size={16} color="var(--mantine-color-violet-7)" aria-hidden />
                          <Text size="sm" c="violet.8" fw={500}>
                            Cloud
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.model ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {e.baseUrl ?? 'built in'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {e.kind === 'local'
                        ? 'Always available'
                        : e.reachable === null
                          ? 'Not checked'
                          : e.reachable
                            ? e.models && e.model && !e.models.includes(e.model)
                              ? `Reachable, but “${e.model}” is not among its models`
                              : 'Reachable'
                            : `Not reachable${e.error ? `: ${e.error}` : ''}`}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="keys-title">
        <Title order={3} fz="lg" id="keys-title" mb={4}>
          API keys
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Keys stay inside Aisle&apos;s background process: this screen only learns whether one is set and where it
          comes from.
        </Text>
        {keys.error && <ErrorNotice error={keys.error} onRetry={() => keys.refetch()} what="loading the key status" />}
        {keys.data && keys.data.providers.length === 0 && (
          <Alert variant="light" color="gray" p="sm">
            No language model provider is configured, so no key is needed. IT adds providers under “llm.providers” in
            the configuration.
          </Alert>
        )}
        {keys.data && keys.data.providers.length > 0 && (
          <Stack gap="sm">
            {keys.data.providers.some((p) => p.canStore) && <ManagerBar needFor="Storing a key" />}
            {keys.data.providers.map((p) => (
              <KeyCard key={p.provider} status={p} config={refs.providers.get(p.provider)} llmLocked={refs.llmLocked} />
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
