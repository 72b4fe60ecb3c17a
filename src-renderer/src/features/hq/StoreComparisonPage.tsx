/**
 * Stores side by side (head office): consultations, purchases, conversion and basket value of every
 * store the manager may see, over whole days. The figures are the ones HQ keeps per store and day
 * as laptops push their consultations.
 */
import { useState } from 'react';
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { formatMoney } from '../../lib/format';
import { useCall } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { isoDay } from '../review/filters';

const RANGES = [
  { value: '7', label: '7 days' },
  { value: '28', label: '28 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: 'A year' },
];

/** one decimal where it says something: 50%, 33.3% */
const pct = (v: number) => `${Number((v * 100).toFixed(1))}%`;

export function StoreComparisonPage() {
  const [days, setDays] = useState('28');
  const now = new Date();
  const to = isoDay(now);
  const from = isoDay(new Date(now.getTime() - (Number(days) - 1) * 86_400_000));
  const compare = useCall('hq.compare', { from, to }, { keepPrevious: true });
  const stores = compare.data?.stores ?? [];
  const chart = stores.map((s) => ({
    store: s.storeName,
    Consultations: s.consultations,
    Purchased: s.purchased,
    'Conversion %': Math.round(s.conversion * 1000) / 10,
  }));

  return (
    <Stack gap={0} p="lg">
      <PageHeader
        title="Stores"
        description="Each store you manage side by side: consultations, how many ended in a purchase, the basket."
        actions={<SegmentedControl size="xs" aria-label="Period" value={days} onChange={setDays} data={RANGES} />}
      />
      {compare.error ? (
        <ErrorNotice error={compare.error} onRetry={() => compare.refetch()} />
      ) : !compare.data ? (
        <Text c="dimmed">Loading…</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {stores.length} {stores.length === 1 ? 'store' : 'stores'}, {compare.data.range.from} to{' '}
            {compare.data.range.to} (UTC days).
          </Text>
          <Card withBorder padding="sm" mb="lg">
            <Table striped highlightOnHover aria-label="Store comparison">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Store</Table.Th>
                  <Table.Th ta="right">Consultations</Table.Th>
                  <Table.Th ta="right">Purchased</Table.Th>
                  <Table.Th ta="right">Conversion</Table.Th>
                  <Table.Th ta="right">Basket value</Table.Th>
                  <Table.Th ta="right">Average basket</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stores.map((s) => (
                  <Table.Tr key={s.storeId} data-testid={`store-row-${s.storeId}`}>
                    <Table.Td>
                      <Text fw={500}>{s.storeName}</Text>
                      <Text size="xs" c="dimmed">
                        {s.storeId}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{s.consultations}</Table.Td>
                    <Table.Td ta="right">{s.purchased}</Table.Td>
                    <Table.Td ta="right">{s.consultations ? pct(s.conversion) : '—'}</Table.Td>
                    <Table.Td ta="right">
                      {s.basketValue !== null && s.currency ? formatMoney(s.basketValue, s.currency) : '—'}
                    </Table.Td>
                    <Table.Td ta="right">
                      {s.basketValue !== null && s.currency && s.purchased
                        ? formatMoney(Math.round(s.basketValue / s.purchased), s.currency)
                        : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <Card withBorder padding="sm">
              <Group justify="space-between" mb="xs">
                <Text fw={600} size="sm">
                  Consultations and purchases
                </Text>
              </Group>
              <BarChart
                h={220}
                data={chart}
                dataKey="store"
                withLegend
                yAxisProps={{ allowDecimals: false }}
                series={[
                  { name: 'Consultations', color: 'blue.6' },
                  { name: 'Purchased', color: 'teal.6' },
                ]}
              />
            </Card>
            <Card withBorder padding="sm">
              <Text fw={600} size="sm" mb="xs">
                Conversion (%)
              </Text>
              <BarChart
                h={220}
                data={chart}
                dataKey="store"
                unit="%"
                yAxisProps={{ domain: [0, 100] }}
                series={[{ name: 'Conversion %', color: 'orange.6' }]}
              />
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
