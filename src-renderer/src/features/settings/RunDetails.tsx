/** One sync/import run as people read it: status, when, what it read, what changed, rejects, warnings, error. */
import { useState } from 'react';
import { Alert, Badge, Box, Button, Collapse, Group, List, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconPlayerStop } from '@tabler/icons-react';
import { fullTime, timeAgo } from '../../lib/time';
import {
  progressPercent,
  progressText,
  runChanges,
  runDuration,
  runEntitiesText,
  RUN_STATUS,
  type SyncProgress,
  type SyncRun,
} from './settings-format';

export function RunStatusBadge({ status }: { status: SyncRun['status'] }) {
  const s = RUN_STATUS[status];
  return (
    <Badge color={s.color} variant="light" tt="none" size="md" radius="sm" style={{ minWidth: 'max-content' }}>
      {s.label}
    </Badge>
  );
}

export function RunWhen({ run }: { run: Pick<SyncRun, 'startedAt' | 'finishedAt'> }) {
  const at = run.finishedAt ?? run.startedAt;
  const took = runDuration(run.startedAt, run.finishedAt);
  return (
    <Tooltip
      label={`Started ${fullTime(run.startedAt)}${run.finishedAt ? `, finished ${fullTime(run.finishedAt)}` : ''}`}
    >
      <Text size="sm" span tabIndex={0}>
        {timeAgo(at)}
        {took ? <Text span c="dimmed" size="sm">{` · took ${took}`}</Text> : null}
      </Text>
    </Tooltip>
  );
}

const CHANGE_LABEL = {
  inserted: 'new',
  updated: 'updated',
  unchanged: 'unchanged',
  discontinued: 'discontinued',
  rejected: 'rejected',
} as const;

export function RunCounts({ counts }: { counts: SyncRun['counts'] }) {
  const entities = runEntitiesText(counts);
  return (
    <Stack gap={4}>
      {entities && (
        <Text size="sm">
          Read <b>{entities}</b>
        </Text>
      )}
      <Group gap="lg" data-testid="run-counts">
        {runChanges(counts).map(({ key, value }) => (
          <Box key={key}>
            <Text
              fw={650}
              fz="lg"
              className="tabular"
              c={key === 'rejected' && value > 0 ? 'orange.8' : undefined}
              lh={1.2}
            >
              {value.toLocaleString('en-GB')}
            </Text>
            <Text size="xs" c="dimmed">
              {CHANGE_LABEL[key]}
            </Text>
          </Box>
        ))}
      </Group>
    </Stack>
  );
}

export function RejectsTable({ rejects, label }: { rejects: SyncRun['rejects']; label: string }) {
  const [open, setOpen] = useState(false);
  if (!rejects.length) return null;
  return (
    <Box>
      <Button
        variant="subtle"
        size="compact-sm"
        color="orange.8"
        leftSection={open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        {open ? 'Hide' : 'Show'}{' '}
        {rejects.length === 1 ? 'the rejected row' : `${rejects.length.toLocaleString('en-GB')} rejected rows`}
      </Button>
      <Collapse expanded={open}>
        <Table.ScrollContainer minWidth={480} maxHeight={320} mt="xs">
          <Table striped withTableBorder fz="sm" aria-label={label} stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>Line</Table.Th>
                <Table.Th w={180}>Field</Table.Th>
                <Table.Th>What was wrong</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rejects.map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td className="tabular">{r.line}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {r.field || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Collapse>
    </Box>
  );
}

/** Counts, rejects, warnings and error of a finished (or running) run. */
export function RunOutcome({ run }: { run: SyncRun }) {
  return (
    <Stack gap="xs">
      {/* A failed or cancelled run changed nothing: its partial counts would only mislead. */}
      {(run.status === 'succeeded' || run.status === 'partial') && <RunCounts counts={run.counts} />}
      {run.error && (
        <Alert
          color={run.status === 'cancelled' ? 'gray' : 'red'}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          p="xs"
          role="status"
        >
          <Text size="sm">{run.error}</Text>
        </Alert>
      )}
      {run.warnings.length > 0 && (
        <Box>
          <Text size="sm" fw={600} c="yellow.9">
            {run.warnings.length === 1 ? 'Warning' : `${run.warnings.length} warnings`}
          </Text>
          <List size="sm" spacing={2}>
            {run.warnings.slice(0, 10).map((w, i) => (
              <List.Item key={i}>{w}</List.Item>
            ))}
          </List>
          {run.warnings.length > 10 && (
            <Text size="xs" c="dimmed">
              … and {run.warnings.length - 10} more
            </Text>
          )}
        </Box>
      )}
      <RejectsTable rejects={run.rejects} label={`Rejected rows of run ${run.id}`} />
    </Stack>
  );
}

/** The live bar of a running run with its Cancel button. */
export function RunProgress({
  progress,
  label,
  onCancel,
  cancelling,
}: {
  progress: Pick<SyncProgress, 'phase' | 'done' | 'total'> | null;
  label: string;
  onCancel?: () => void;
  cancelling?: boolean;
}) {
  const pct = progress ? progressPercent(progress) : null;
  return (
    <Stack gap={6} data-testid="run-progress">
      <Group gap="sm" wrap="nowrap">
        <Progress.Root size="lg" radius="xl" style={{ flex: 1 }}>
          <Progress.Section
            value={pct ?? 100}
            striped={pct === null}
            animated={pct === null}
            withAria={false}
            role="progressbar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct ?? undefined}
            aria-valuetext={progress ? progressText(progress) : 'starting'}
          />
        </Progress.Root>
        {onCancel && (
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconPlayerStop size={16} />}
            onClick={onCancel}
            loading={cancelling}
          >
            Cancel
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" aria-live="polite">
        {progress ? progressText(progress) : 'Starting…'}
        {pct !== null ? ` (${pct}%)` : ''}
      </Text>
    </Stack>
  );
}
