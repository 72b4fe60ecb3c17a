/**
 * Settings → Configuration: the effective configuration, one row per key, with where its value came
 * from (default, machine file, user file, AISLE_CONFIG, environment) and a lock on keys IT fixed.
 * Values are shown, never edited here: they change in the files listed at the top.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Code,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconLock, IconSearch } from '@tabler/icons-react';
import { useCall } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { configValueText, ORIGIN_LABEL, type ConfigEntry } from './settings-format';

const ORIGIN_COLOR: Record<ConfigEntry['origin'], string> = {
  default: 'gray',
  machine: 'indigo',
  user: 'teal',
  AISLE_CONFIG: 'grape',
  env: 'orange',
};

function ValueCell({ value }: { value: string }) {
  const text = configValueText(value);
  if (text.includes('\n'))
    return (
      <Code block fz="xs" style={{ maxHeight: 240, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {text}
      </Code>
    );
  return (
    <Text
      size="sm"
      ff="monospace"
      style={{ wordBreak: 'break-all' }}
      c={text === 'not set' || text === 'none' ? 'dimmed' : undefined}
    >
      {text}
    </Text>
  );
}

export function ConfigurationSection() {
  const cfg = useCall('settings.config', {});
  const [filter, setFilter] = useState('');
  const entries = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const all = cfg.data?.entries ?? [];
    return f ? all.filter((e) => e.key.toLowerCase().includes(f) || e.value.toLowerCase().includes(f)) : all;
  }, [cfg.data, filter]);
  const d = cfg.data;
  const lockedCount = d?.entries.filter((e) => e.locked).length ?? 0;

  return (
    <Stack gap="lg">
      {cfg.error && <ErrorNotice error={cfg.error} onRetry={() => cfg.refetch()} what="loading the configuration" />}
      {cfg.isPending && <Skeleton h={300} radius="lg" />}
      {d && (
        <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="config-files-title">
          <Title order={3} fz="lg" id="config-files-title" mb={4}>
            Files read
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            Later ones win: defaults, then the machine-wide file, your user file, the file named by AISLE_CONFIG, and
            AISLE_* environment variables.
          </Text>
          {d.files.length === 0 ? (
            <Text size="sm">
              No configuration file was found: every value is a default or comes from the environment.
            </Text>
          ) : (
            <List size="sm" spacing={4} data-testid="config-files">
              {d.files.map((f) => (
                <List.Item key={`${f.origin}:${f.file}`}>
                  <Text span size="sm" fw={500}>
                    {ORIGIN_LABEL[f.origin as ConfigEntry['origin']] ?? f.origin}
                  </Text>{' '}
                  <Code>{f.file}</Code>
                </List.Item>
              ))}
            </List>
          )}
          {d.warnings.length > 0 && (
            <Alert
              color="yellow"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              mt="md"
              title={d.warnings.length === 1 ? 'Warning' : `${d.warnings.length} warnings`}
            >
              <List size="sm" spacing={2}>
                {d.warnings.map((w, i) => (
                  <List.Item key={i}>{w}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Paper>
      )}
      {d && (
        <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="config-values-title">
          <Group justify="space-between" align="flex-end" mb="sm" wrap="nowrap">
            <Stack gap={2}>
              <Title order={3} fz="lg" id="config-values-title">
                Effective configuration
              </Title>
              <Text size="sm" c="dimmed">
                {lockedCount > 0
                  ? `${lockedCount} ${lockedCount === 1 ? 'value is' : 'values are'} locked by IT and read-only everywhere. `
                  : ''}
                To change a value, edit the file it comes from and restart Aisle.
              </Text>
            </Stack>
            <TextInput
              aria-label="Filter configuration keys"
              placeholder="Filter keys"
              leftSection={<IconSearch size={16} />}
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
              w={240}
            />
          </Group>
          <Table.ScrollContainer minWidth={680}>
            <Table
              fz="sm"
              verticalSpacing={8}
              striped
              aria-label="Effective configuration"
              data-testid="config-table"
              styles={{ td: { verticalAlign: 'top' } }}
              layout="fixed"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="29%">Key</Table.Th>
                  <Table.Th>Value</Table.Th>
                  <Table.Th w="23%">Comes from</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.key} data-testid="config-row" data-key={e.key} data-locked={e.locked || undefined}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {e.locked && (
                          <Tooltip label="Locked by IT: read-only">
                            <IconLock
                              size={16}
                              color="var(--mantine-color-indigo-7)"
                              aria-label="Locked by IT"
                              role="img"
                              tabIndex={0}
                            />
                          </Tooltip>
                        )}
                        <Text size="sm" ff="monospace" fw={500} style={{ overflowWrap: 'anywhere' }}>
                          {e.key}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <ValueCell value={e.value} />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        <Badge color={ORIGIN_COLOR[e.origin]} variant="light" tt="none" radius="sm">
                          {ORIGIN_LABEL[e.origin]}
                        </Badge>
                        {e.file && (
                          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                            {e.file}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {entries.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={3}>
                      <Text size="sm" c="dimmed">
                        No key matches “{filter}”.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
