/**
 * Settings → Data sources: each configured source with its last run and a live bar while it runs
 * (from 'sync.progress' events), Sync now / Cancel, a one-off file import, the run history
 * (including `aisle import` runs) and the outbox. Runs happen in main, off the UI path.
 */
import { Fragment, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  EmptyState,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconChevronDown,
  IconChevronRight,
  IconDatabaseImport,
  IconFileImport,
  IconPlugConnected,
  IconRefresh,
} from '@tabler/icons-react';
import type { CallInput, CallOutput } from '../../../../src-main/contract';
import { useAppEvent, useCall, useMutate } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fullTime, timeAgo } from '../../lib/time';
import { ActionError, ManagerBar } from './ManagerAccess';
import { RunOutcome, RunProgress, RunStatusBadge, RunWhen } from './RunDetails';
import {
  foldSyncProgress,
  runChangesText,
  runEntitiesText,
  runSourceLabel,
  type SyncProgress,
  type SyncRun,
} from './settings-format';

type Source = CallOutput<'sync.sources'>[number];
type ImportFormat = CallInput<'sync.importFile'>['format'];

/** Live runs by id, and the ids that finished since this screen opened (so a stale "running" is not shown). */
function useLiveRuns() {
  const [live, setLive] = useState<Map<number, SyncProgress>>(() => new Map());
  const [finished, setFinished] = useState<Set<number>>(() => new Set());
  useAppEvent('sync.progress', (e) => {
    setLive((m) => foldSyncProgress(m, e));
    if (e.status !== 'running') setFinished((s) => new Set(s).add(e.runId));
  });
  return { live, finished };
}
type LiveRuns = ReturnType<typeof useLiveRuns>;

const FORMAT_SHORT: Record<string, string> = {
  gmc: 'GMC feed',
  'shopify-products': 'Shopify products',
  'shopify-inventory': 'Shopify inventory',
  'shopify-customers': 'Shopify customers',
  'shopify-orders': 'Shopify orders',
  transactions: 'Transactions',
  hq: 'HQ API',
};

const FORMAT_LABEL: Record<string, string> = {
  gmc: 'Google Merchant Center feed',
  'shopify-products': 'Shopify products CSV',
  'shopify-inventory': 'Shopify inventory CSV',
  'shopify-customers': 'Shopify customers CSV',
  'shopify-orders': 'Shopify orders CSV',
  transactions: 'Transactions CSV',
  hq: 'HQ API',
};

function useCancelRun(runId: number | null) {
  const cancel = useMutate('sync.cancel');
  return {
    cancel: () => runId !== null && cancel.mutate({ runId }),
    cancelling: cancel.isPending,
    error: cancel.error,
  };
}

function SourceCard({ source, liveRuns }: { source: Source; liveRuns: LiveRuns }) {
  const run = useMutate('sync.run');
  const liveEntry = [...liveRuns.live.values()].find((p) => p.sourceName === source.name) ?? null;
  const runningId =
    liveEntry?.runId ??
    (source.runningRunId !== null && !liveRuns.finished.has(source.runningRunId) ? source.runningRunId : null);
  const c = useCancelRun(runningId);
  const last = source.lastRun;
  return (
    <Paper
      withBorder
      radius="lg"
      p="lg"
      component="section"
      aria-label={`Data source ${source.name}`}
      data-testid="source-card"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Stack gap={4} miw={0}>
          <Group gap="xs">
            <Title order={3} fz="lg">
              {source.name}
            </Title>
            <Badge variant="outline" color="gray" tt="none" radius="sm">
              {source.type === 'hq' ? 'HQ API' : (FORMAT_LABEL[source.format] ?? source.format)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {source.location}
          </Text>
          <Text size="sm" c="dimmed">
            {source.intervalMinutes
              ? `Runs every ${source.intervalMinutes >= 60 && source.intervalMinutes % 60 === 0 ? `${source.intervalMinutes / 60} h` : `${source.intervalMinutes} min`}`
              : 'Runs only when started by hand'}
          </Text>
        </Stack>
        <Button
          variant="light"
          leftSection={<IconRefresh size={18} />}
          onClick={() => run.mutate({ source: source.name })}
          loading={run.isPending}
          disabled={runningId !== null}
          aria-label={`Sync ${source.name} now`}
        >
          Sync now
        </Button>
      </Group>
      {run.error && <ActionError error={run.error} what={`syncing ${source.name}`} />}
      {c.error && <ActionError error={c.error} what={`cancelling ${source.name}`} />}
      {runningId !== null ? (
        <RunProgress
          progress={liveEntry}
          label={`${source.name} sync progress`}
          onCancel={c.cancel}
          cancelling={c.cancelling}
        />
      ) : last ? (
        <Stack gap="xs" mt="xs">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              Last run
            </Text>
            <RunStatusBadge status={last.status} />
            <RunWhen run={last} />
          </Group>
          <RunOutcome run={last} />
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mt="xs">
          Never run yet.
        </Text>
      )}
    </Paper>
  );
}

const FORMAT_OPTIONS: { value: ImportFormat; label: string }[] = [
  { value: 'gmc', label: FORMAT_LABEL.gmc! },
  { value: 'shopify-products', label: FORMAT_LABEL['shopify-products']! },
  { value: 'shopify-inventory', label: FORMAT_LABEL['shopify-inventory']! },
  { value: 'shopify-customers', label: FORMAT_LABEL['shopify-customers']! },
  { value: 'shopify-orders', label: FORMAT_LABEL['shopify-orders']! },
  { value: 'transactions', label: FORMAT_LABEL.transactions! },
];

const ENCODING_OPTIONS = [
  { value: '', label: 'Detect automatically' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-16le', label: 'UTF-16' },
  { value: 'windows-1252', label: 'Windows-1252 / Latin-1' },
];

function ImportFile({ liveRuns }: { liveRuns: LiveRuns }) {
  const [format, setFormat] = useState<ImportFormat>('gmc');
  const [path, setPath] = useState('');
  const [encoding, setEncoding] = useState('');
  const [started, setStarted] = useState<{ runId: number; path: string } | null>(null);
  const importFile = useMutate('sync.importFile');
  const cancel = useMutate('sync.cancel');
  const runs = useCall('sync.runs', { source: `file:${started?.path ?? ''}`, limit: 5 }, { enabled: started !== null });
  const result = started ? runs.data?.find((r) => r.id === started.runId) : undefined;
  const live = started ? (liveRuns.live.get(started.runId) ?? null) : null;
  const running =
    started !== null &&
    (live !== null || !result || result.status === 'running') &&
    !liveRuns.finished.has(started.runId);

  const submit = async () => {
    const p = path.trim();
    if (!p) return;
    try {
      const r = await importFile.mutateAsync({ format, path: p, ...(encoding ? { encoding } : {}) });
      setStarted({ runId: r.runId, path: p });
    } catch {
      // shown below from importFile.error
    }
  };

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="import-file-title">
      <Title order={3} fz="lg" id="import-file-title" mb={4}>
        Import a file
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        A one-off import of an export file on this computer or a shared drive. Aisle reads the file itself, so type or
        paste its full path.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="File path"
            placeholder="/home/shared/exports/products_export.csv"
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
            spellCheck={false}
            autoComplete="off"
          />
          <Group align="flex-end" gap="sm">
            <Select
              label="Format"
              data={FORMAT_OPTIONS}
              value={format}
              onChange={(v) => v && setFormat(v)}
              allowDeselect={false}
              w={280}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label="Encoding"
              data={ENCODING_OPTIONS}
              value={encoding}
              onChange={(v) => setEncoding(v ?? '')}
              allowDeselect={false}
              w={230}
              comboboxProps={{ withinPortal: true }}
            />
            <Button
              type="submit"
              leftSection={<IconFileImport size={18} />}
              loading={importFile.isPending}
              disabled={!path.trim() || running}
            >
              Import
            </Button>
          </Group>
        </Stack>
      </form>
      {importFile.error && (
        <Box mt="sm">
          <ActionError error={importFile.error} what="importing the file" />
        </Box>
      )}
      {cancel.error && (
        <Box mt="sm">
          <ActionError error={cancel.error} what="cancelling the import" />
        </Box>
      )}
      {started && (
        <Box mt="md" data-testid="import-result">
          {running ? (
            <RunProgress
              progress={live}
              label="File import progress"
              onCancel={() => cancel.mutate({ runId: started.runId })}
              cancelling={cancel.isPending}
            />
          ) : result ? (
            <Stack gap="xs">
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  Import of {started.path}
                </Text>
                <RunStatusBadge status={result.status} />
                <RunWhen run={result} />
              </Group>
              <RunOutcome run={result} />
            </Stack>
          ) : runs.error ? (
            <ErrorNotice error={runs.error} onRetry={() => runs.refetch()} what="loading the import's result" />
          ) : (
            <Skeleton h={60} />
          )}
        </Box>
      )}
    </Paper>
  );
}

function RunHistory() {
  const runs = useCall('sync.runs', { limit: 20 });
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="run-history-title">
      <Title order={3} fz="lg" id="run-history-title" mb="sm">
        Recent runs
      </Title>
      {runs.error && <ErrorNotice error={runs.error} onRetry={() => runs.refetch()} what="loading recent runs" />}
      {runs.isPending && <Skeleton h={120} />}
      {runs.data && runs.data.length === 0 && (
        <Text size="sm" c="dimmed">
          No sync or import has run on this computer yet.
        </Text>
      )}
      {runs.data && runs.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table
            fz="sm"
            verticalSpacing={6}
            aria-label="Recent sync and import runs"
            data-testid="run-history"
            styles={{ th: { whiteSpace: 'nowrap' } }}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36} />
                <Table.Th>When</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Read</Table.Th>
                <Table.Th>Changes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.map((r: SyncRun) => {
                const expanded = open === r.id;
                return (
                  <Fragment key={r.id}>
                    <Table.Tr>
                      <Table.Td>
                        <Button
                          variant="subtle"
                          color="gray"
                          size="compact-sm"
                          px={4}
                          onClick={() => setOpen(expanded ? null : r.id)}
                          aria-expanded={expanded}
                          aria-label={`${expanded ? 'Hide' : 'Show'} details of run ${r.id}`}
                        >
                          {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                        </Button>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Tooltip label={fullTime(r.startedAt)}>
                          <span tabIndex={0}>{timeAgo(r.finishedAt ?? r.startedAt)}</span>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                          {runSourceLabel(r.sourceName)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {FORMAT_SHORT[r.format] ?? r.format}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <RunStatusBadge status={r.status} />
                      </Table.Td>
                      <Table.Td>
                        {r.status === 'succeeded' || r.status === 'partial'
                          ? runEntitiesText(r.counts) || 'nothing'
                          : '—'}
                      </Table.Td>
                      <Table.Td className="tabular" c={(r.counts?.rejected ?? 0) > 0 ? 'orange.9' : undefined}>
                        {r.status === 'succeeded' || r.status === 'partial' ? runChangesText(r.counts) : '—'}
                      </Table.Td>
                    </Table.Tr>
                    {expanded && (
                      <Table.Tr>
                        <Table.Td />
                        <Table.Td colSpan={5} pb="md">
                          {r.file && (
                            <Text size="xs" c="dimmed" ff="monospace" mb={6} style={{ wordBreak: 'break-all' }}>
                              {r.file}
                            </Text>
                          )}
                          <RunOutcome run={r} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function Outbox() {
  const o = useCall('outbox.status', {}, { refetchInterval: 30_000 });
  const d = o.data;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="outbox-title">
      <Title order={3} fz="lg" id="outbox-title" mb={4}>
        Outbox to HQ
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Consultation records and confirmed customer notes wait here until the HQ API takes them. Nothing is lost while
        offline.
      </Text>
      {o.error && <ErrorNotice error={o.error} onRetry={() => o.refetch()} what="loading the outbox" />}
      {d && (
        <Stack gap="xs">
          <SimpleGrid cols={3} maw={420}>
            {[
              ['Waiting', d.pending],
              ['Sent', d.sent],
              ['Failing', d.failing],
            ].map(([label, v]) => (
              <Box key={label as string}>
                <Text
                  fw={650}
                  fz="xl"
                  className="tabular"
                  c={label === 'Failing' && (v as number) > 0 ? 'red.8' : undefined}
                >
                  {(v as number).toLocaleString('en-GB')}
                </Text>
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
              </Box>
            ))}
          </SimpleGrid>
          {d.oldestPendingAt && <Text size="sm">Oldest waiting since {fullTime(d.oldestPendingAt)}</Text>}
          {d.nextAttemptAt && <Text size="sm">Next attempt {fullTime(d.nextAttemptAt)}</Text>}
          {d.lastError && (
            <Text size="sm" c="red.8">
              Last error: {d.lastError}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}

export function DataSourcesSection() {
  const sources = useCall('sync.sources', {});
  const runAll = useMutate('sync.run');
  const liveRuns = useLiveRuns();
  const list = sources.data ?? [];
  return (
    <Stack gap="lg">
      <Paper withBorder radius="lg" px="lg" py="sm">
        <ManagerBar needFor="Syncing and importing" />
      </Paper>
      <Group justify="space-between" align="center" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={640}>
          Where this store&apos;s catalog, stock, customers and orders come from. IT sets the sources in the
          configuration file (“sources”).
        </Text>
        {list.length > 1 && (
          <Button
            leftSection={<IconDatabaseImport size={18} />}
            onClick={() => runAll.mutate({})}
            loading={runAll.isPending}
            style={{ flexShrink: 0 }}
          >
            Sync all now
          </Button>
        )}
      </Group>
      {runAll.error && <ActionError error={runAll.error} what="syncing all sources" />}
      {sources.error && (
        <ErrorNotice error={sources.error} onRetry={() => sources.refetch()} what="loading the data sources" />
      )}
      {sources.isPending && <Skeleton h={160} radius="lg" />}
      {sources.data && list.length === 0 && (
        <Paper withBorder radius="lg" p="lg">
          <EmptyState
            icon={<IconPlugConnected size={30} stroke={1.5} />}
            variant="light"
            title="No data sources are configured"
            description="IT adds feeds and the HQ API under “sources” in the configuration file. Until then, import a file below."
          />
        </Paper>
      )}
      {list.map((s) => (
        <SourceCard key={s.name} source={s} liveRuns={liveRuns} />
      ))}
      <ImportFile liveRuns={liveRuns} />
      <RunHistory />
      {/* the outbox exists only to reach a head office; without an HQ source there is none */}
      {list.some((s) => s.type === 'hq') && <Outbox />}
    </Stack>
  );
}
