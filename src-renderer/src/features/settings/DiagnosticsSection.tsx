/**
 * Settings → Diagnostics: the same report as `aisle doctor`, with "Copy report" (plain text for a
 * support ticket) and "Run again". Each check reads ok / warning / failed with its own message.
 */
import { useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconClipboardCheck,
  IconCopy,
  IconRefresh,
} from '@tabler/icons-react';
import { useCall } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { doctorReportText, type DoctorReport } from './settings-format';

const OVERALL = {
  healthy: { label: 'Healthy', color: 'teal' },
  warnings: { label: 'Working, with warnings', color: 'yellow' },
  broken: { label: 'Broken', color: 'red' },
} as const;

const CHECK = {
  ok: { label: 'OK', color: 'teal', Icon: IconCircleCheck },
  warn: { label: 'Warning', color: 'yellow.8', Icon: IconAlertTriangle },
  fail: { label: 'Failed', color: 'red', Icon: IconCircleX },
} as const;

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Without the async clipboard (permission refused), a selected textarea still copies.
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand('copy');
  ta.remove();
  if (!ok) throw new Error('The browser refused to copy.');
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box miw={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-all' }} component="div">
        {children}
      </Text>
    </Box>
  );
}

function Report({ r }: { r: DoctorReport }) {
  const versions = Object.entries(r.versions ?? {});
  return (
    <Stack gap="lg">
      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="checks-title">
        <Title order={3} fz="lg" id="checks-title" mb="sm">
          Checks
        </Title>
        <Table fz="sm" verticalSpacing={8} aria-label="Diagnostic checks" data-testid="doctor-checks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={130}>Result</Table.Th>
              <Table.Th w={170}>Check</Table.Th>
              <Table.Th>Detail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.checks.map((c, i) => {
              const s = CHECK[c.status];
              return (
                <Table.Tr key={`${c.name}-${i}`} data-testid="doctor-check" data-status={c.status}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <s.Icon size={18} color={`var(--mantine-color-${s.color.replace('.', '-')})`} aria-hidden />
                      <Text size="sm" fw={600} c={s.color}>
                        {s.label}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td fw={500}>{c.name}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{c.message}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="install-title">
        <Title order={3} fz="lg" id="install-title" mb="sm">
          This installation
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Field label="Version">
            {r.version} · database schema {r.schemaVersion}
          </Field>
          <Field label="Store">
            {r.store.name} ({r.store.id})
          </Field>
          <Field label="Data folder">
            <Code>{r.dataDir}</Code>
          </Field>
          <Field label="Log folder">
            {r.logDir ? <Code>{r.logDir}</Code> : 'Not set: logs go to the console only'}
          </Field>
          <Field label="Configuration files">
            {r.config.files.length
              ? r.config.files.map((f) => (
                  <Code key={f.file} mr={6}>
                    {f.file}
                  </Code>
                ))
              : 'None (defaults)'}
          </Field>
          <Field label="Data sources · language model">
            {r.config.sources} configured · {r.config.llmEnabled ? 'on' : 'off'}
          </Field>
        </SimpleGrid>
        {versions.length > 0 && (
          <>
            <Title order={4} fz="md" mt="lg" mb="xs">
              Versions
            </Title>
            <Group gap="xs">
              {versions.map(([k, v]) => (
                <Badge key={k} variant="default" tt="none" radius="sm" size="lg" fw={500}>
                  {k} {v}
                </Badge>
              ))}
            </Group>
          </>
        )}
      </Paper>
    </Stack>
  );
}

export function DiagnosticsSection() {
  const doctor = useCall('settings.doctor', {}, { staleTime: 0 });
  const [copied, setCopied] = useState<string | null>(null); // 'ok', or why copying failed
  const r = doctor.data;

  const copy = async () => {
    if (!r) return;
    try {
      await copyText(doctorReportText(r));
      setCopied('ok');
    } catch (e) {
      setCopied(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Stack gap="lg">
      <Paper withBorder radius="lg" p="lg">
        <Group justify="space-between" wrap="nowrap" align="center">
          <Group gap="sm">
            <Text fw={600}>Overall</Text>
            {r ? (
              <Badge
                color={OVERALL[r.status].color}
                variant="filled"
                tt="none"
                size="lg"
                radius="sm"
                data-testid="doctor-status"
              >
                {OVERALL[r.status].label}
              </Badge>
            ) : doctor.isPending ? (
              <Skeleton h={26} w={120} />
            ) : null}
            {r && (
              <Text size="sm" c="dimmed">
                {r.checks.filter((c) => c.status === 'ok').length} of {r.checks.length} checks OK
              </Text>
            )}
          </Group>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconRefresh size={18} />}
              onClick={() => {
                setCopied(null);
                void doctor.refetch();
              }}
              loading={doctor.isFetching}
            >
              Run again
            </Button>
            <Button
              leftSection={copied === 'ok' ? <IconClipboardCheck size={18} /> : <IconCopy size={18} />}
              onClick={() => void copy()}
              disabled={!r}
            >
              {copied === 'ok' ? 'Copied' : 'Copy report'}
            </Button>
          </Group>
        </Group>
        {copied === 'ok' && (
          <Text size="sm" c="teal.8" mt="xs" role="status">
            The report is on the clipboard as plain text: paste it into your message to IT.
          </Text>
        )}
        {copied && copied !== 'ok' && (
          <Alert color="red" variant="light" mt="xs" role="alert" title="The report was not copied">
            {copied}
          </Alert>
        )}
      </Paper>
      {doctor.error && (
        <ErrorNotice error={doctor.error} onRetry={() => doctor.refetch()} what="running the diagnostics" />
      )}
      {doctor.isPending && <Skeleton h={300} radius="lg" />}
      {r && <Report r={r} />}
    </Stack>
  );
}
