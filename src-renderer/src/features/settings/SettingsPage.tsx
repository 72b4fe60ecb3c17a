/** Settings: data sources and sync, copilot engine, store. What exists today is read-only status. */
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCall } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { fullTime } from '../../lib/time';

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Text c="dimmed" size="sm" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Text size="sm" fw={500} ta="right" className="tabular">
        {value}
      </Text>
    </Group>
  );
}

export function SettingsPage() {
  const status = useCall('app.status', {});
  const s = status.data;
  return (
    <>
      <PageHeader title="Settings" description="This installation at a glance. Data sources, sync schedule and the copilot's engine will be set up here." />
      {status.error && <ErrorNotice error={status.error} onRetry={() => status.refetch()} what="loading this installation's status" />}
      {s && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Paper withBorder p="lg" radius="lg">
            <Title order={2} fz="lg" mb="sm">
              Store
            </Title>
            <Stack gap={0}>
              <Row label="This laptop's store" value={`${s.store.name} (${s.store.id})`} />
              <Row label="Other stores" value={s.stores.filter((x) => x.id !== s.store.id).map((x) => x.name).join(', ') || 'none'} />
              <Row label="Catalog last synced" value={fullTime(s.catalogSyncedAt)} />
              <Row label="Products · variants" value={`${s.counts.products.toLocaleString('en-GB')} · ${s.counts.variants.toLocaleString('en-GB')}`} />
              <Row label="Customers · orders" value={`${s.counts.customers.toLocaleString('en-GB')} · ${s.counts.orders.toLocaleString('en-GB')}`} />
            </Stack>
          </Paper>
          <Paper withBorder p="lg" radius="lg">
            <Title order={2} fz="lg" mb="sm">
              Copilot and app
            </Title>
            <Stack gap={0}>
              <Row
                label="Engine answering first"
                value={
                  s.engine.active === 'llm' ? (
                    <>
                      {s.engine.provider}
                      {s.engine.model ? ` · ${s.engine.model}` : ''}
                    </>
                  ) : (
                    <Badge variant="light" color="gray" tt="none" size="lg">
                      Local (offline)
                    </Badge>
                  )
                }
              />
              <Row label="Running as" value={s.mode === 'electron' ? 'Desktop app' : 'Browser mode (loopback)'} />
              <Row label="Version" value={s.version} />
              <Row label="Database schema" value={s.schemaVersion} />
            </Stack>
          </Paper>
        </SimpleGrid>
      )}
    </>
  );
}
