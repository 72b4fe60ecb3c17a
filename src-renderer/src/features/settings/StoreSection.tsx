/** Settings → Store & app: which store this laptop stands in, the other stores, what is loaded, version, folders. */
import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useCall } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fullTime, timeAgo } from '../../lib/time';

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      py={7}
      gap="lg"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Text c="dimmed" size="sm" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Text size="sm" fw={500} ta="right" className="tabular" component="div" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Group>
  );
}

const n = (x: number) => x.toLocaleString('en-GB');

export function StoreSection() {
  const status = useCall('app.status', {});
  const doctor = useCall('settings.doctor', {});
  const s = status.data;
  const d = doctor.data;
  return (
    <Stack gap="lg">
      {status.error && (
        <ErrorNotice error={status.error} onRetry={() => status.refetch()} what="loading this installation's status" />
      )}
      {status.isPending && <Skeleton h={240} radius="lg" />}
      {s && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="store-title">
            <Title order={3} fz="lg" mb="sm" id="store-title">
              Store
            </Title>
            <Stack gap={0}>
              <Row label="This laptop's store" value={`${s.store.name} (${s.store.id})`} />
              <Row
                label="Other stores"
                value={
                  s.stores
                    .filter((x) => x.id !== s.store.id)
                    .map((x) => x.name)
                    .join(', ') || 'none'
                }
              />
              <Row
                label="Catalog last synced"
                value={s.catalogSyncedAt ? `${timeAgo(s.catalogSyncedAt)} · ${fullTime(s.catalogSyncedAt)}` : 'never'}
              />
              <Row
                label="Stock last synced"
                value={s.stockSyncedAt ? `${timeAgo(s.stockSyncedAt)} · ${fullTime(s.stockSyncedAt)}` : 'never'}
              />
              <Row label="Dates, numbers and prices" value={`${s.locale} (store.locale)`} />
              <Row label="Products · SKUs" value={`${n(s.counts.products)} · ${n(s.counts.variants)}`} />
              <Row label="Customers · orders" value={`${n(s.counts.customers)} · ${n(s.counts.orders)}`} />
              <Row label="Consultations recorded" value={n(s.counts.consultations)} />
            </Stack>
          </Paper>
          <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="app-title">
            <Title order={3} fz="lg" mb="sm" id="app-title">
              App
            </Title>
            <Stack gap={0}>
              <Row
                label="Running as"
                value={s.mode === 'electron' ? 'Desktop app' : 'Browser mode (this computer only)'}
              />
              <Row
                label="Copilot answers with"
                value={
                  s.engine.active === 'llm' ? (
                    `${s.engine.provider ?? 'language model'}${s.engine.model ? ` · ${s.engine.model}` : ''}`
                  ) : (
                    <Badge variant="light" color="gray" tt="none" size="md" radius="sm">
                      Local engine (offline)
                    </Badge>
                  )
                }
              />
              <Row label="Version" value={s.version} />
              <Row label="Database schema" value={s.schemaVersion} />
              <Row label="Data folder" value={d ? d.dataDir : '…'} />
              <Row label="Log folder" value={d ? (d.logDir ?? 'console only') : '…'} />
            </Stack>
          </Paper>
        </SimpleGrid>
      )}
    </Stack>
  );
}
