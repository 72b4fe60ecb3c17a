/**
 * KPI cards (each with its definition, clickable through to the consultations behind it), charts over
 * time, and the per-associate table.
 */
import { BarChart, LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Anchor,
  Card,
  Group,
  Popover,
  SegmentedControl,
  SimpleGrid,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import {
  KPI_PLAIN_DEFINITIONS,
  type ConsultationFilter,
  type KpiOutput,
  type KpiRatio,
} from '../../../../src-main/contract';
import { countOf, formatDay, formatMoney, formatNumber } from '../../lib/format';
import { useCall } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { isoDay, type ReviewFilters } from './filters';

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, v >= 0.995 || v === 0 ? 0 : 1)}%`);
const ms = (v: number | null) =>
  v === null ? '—' : v >= 1000 ? `${formatNumber(v / 1000, 1)} s` : `${formatNumber(v)} ms`;
/** a card's plain-language meaning (the contract's words) and its exact formula (from review.kpis) */
const explain = (k: KpiOutput, key: string) => ({ plain: KPI_PLAIN_DEFINITIONS[key], formula: k.definitions[key] });

export function KpiPanel({
  filters,
  onDrill,
  isManager,
  atHeadOffice,
}: {
  filters: ReviewFilters;
  onDrill: (f: ConsultationFilter) => void;
  isManager: boolean;
  /** HQ mode: follow-up purchases are counted on the store laptops, not here */
  atHeadOffice: boolean;
}) {
  const [granularity, setGranularity] = useState<'day' | 'week'>('day');
  const from = filters.from ?? filters.to ?? isoDay(new Date());
  const to = filters.to ?? isoDay(new Date());
  const kpis = useCall(
    'review.kpis',
    { from, to, granularity, ...(filters.associateIds?.length ? { associateIds: filters.associateIds } : {}) },
    { keepPrevious: true },
  );
  if (kpis.error) return <ErrorNotice error={kpis.error} onRetry={() => kpis.refetch()} />;
  if (!kpis.data) return <Text c="dimmed">Loading…</Text>;
  const k = kpis.data;
  const t = k.totals;
  const d = (key: string) => explain(k, key);
  const basket = t.basket.byCurrency[0];

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {k.store.name}, {formatDay(k.range.from, true)} to {formatDay(k.range.to, true)}
          {filters.associateIds?.length ? ' · one associate' : ''}. Click a figure to see its consultations.
        </Text>
        <SegmentedControl
          size="xs"
          aria-label="Chart grouping"
          value={granularity}
          onChange={(v) => setGranularity(v)}
          data={[
            { value: 'day', label: 'By day' },
            { value: 'week', label: 'By week' },
          ]}
        />
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="lg">
        <KpiCard
          label="Consultations"
          value={String(t.consultations.value)}
          definition={d('consultations')}
          onClick={() => onDrill(t.consultations.filter)}
        />
        <KpiCard
          label="Engagement"
          value={pct(t.engagement.value)}
          detail={ratioText(t.engagement)}
          definition={d('engagement')}
          onClick={() => onDrill(t.engagement.numeratorFilter)}
        />
        <KpiCard
          label="Turns per consultation"
          value={t.turnsPerConsultation.value === null ? '—' : formatNumber(t.turnsPerConsultation.value, 1)}
          detail={`${countOf(t.turnsPerConsultation.turns, 'turn')} in ${countOf(t.turnsPerConsultation.consultations, 'consultation')}`}
          definition={d('turnsPerConsultation')}
          onClick={() => onDrill(t.turnsPerConsultation.filter)}
        />
        <KpiCard
          label="Suggestion acceptance"
          value={pct(t.acceptance.value)}
          detail={`${formatNumber(t.acceptance.numerator)} of ${countOf(t.acceptance.denominator, 'suggestion')}`}
          definition={d('acceptance')}
          onClick={() => onDrill(t.acceptance.numeratorFilter)}
        />
        <KpiCard
          label="Conversion"
          value={pct(t.conversion.value)}
          detail={ratioText(t.conversion)}
          definition={d('conversion')}
          onClick={() => onDrill(t.conversion.numeratorFilter)}
        />
        {atHeadOffice ? (
          // a pushed consultation does not say who the customer was, so head office has nothing to count or list
          <KpiCard
            label="Bought within 14 days"
            value="Per store"
            detail="Counted on the store laptops, not here"
            definition={{
              plain: KPI_PLAIN_DEFINITIONS.conversion14dAtHeadOffice,
              formula: k.definitions.conversion14d,
            }}
          />
        ) : (
          <KpiCard
            label="Bought within 14 days"
            value={t.conversion14d.ordersSynced ? pct(t.conversion14d.value) : 'no orders yet'}
            detail={ratioText(t.conversion14d)}
            definition={d('conversion14d')}
            onClick={() => onDrill(t.conversion14d.numeratorFilter)}
          />
        )}
        <KpiCard
          label="Average basket"
          value={basket ? formatMoney(basket.avgValue, basket.currency) : '—'}
          detail={
            t.basket.avgUnits === null
              ? undefined
              : `${formatNumber(t.basket.avgUnits, 1)} units on average · ${countOf(t.basket.purchases, 'purchase')}`
          }
          definition={d('basket')}
          onClick={() => onDrill(t.basket.filter)}
        />
        <KpiCard
          label="Satisfaction"
          value={t.satisfaction.mean === null ? '—' : `${formatNumber(t.satisfaction.mean, 2)} / 5`}
          detail={`${countOf(t.satisfaction.responses, 'rating')} · ${pct(t.satisfaction.responseRate.value)} rated`}
          definition={d('satisfaction')}
          onClick={() => onDrill(t.satisfaction.filter)}
        />
        <KpiCard
          label="Time to first suggestion"
          value={`p50 ${ms(t.responseTime.all.firstSuggestion.p50)}`}
          detail={`p95 ${ms(t.responseTime.all.firstSuggestion.p95)} · ${t.responseTime.byEngine.map((e) => `${e.engine} ${ms(e.firstSuggestion.p50)}`).join(', ')}`}
          definition={d('responseTime')}
          onClick={() => onDrill(t.responseTime.filter)}
        />
        <KpiCard
          label="Time to full reply"
          value={`p50 ${ms(t.responseTime.all.fullReply.p50)}`}
          detail={`p95 ${ms(t.responseTime.all.fullReply.p95)} · ${t.responseTime.byEngine.map((e) => `${e.engine} ${ms(e.fullReply.p50)}`).join(', ')}`}
          definition={d('responseTime')}
          onClick={() => onDrill(t.responseTime.filter)}
        />
        <KpiCard
          label="Fallback rate"
          value={pct(t.fallback.value)}
          detail={`${formatNumber(t.fallback.numerator)} of ${countOf(t.fallback.denominator, 'reply', 'replies')}`}
          definition={d('fallback')}
          onClick={() => onDrill(t.fallback.numeratorFilter)}
        />
        <KpiCard
          label="Stopped replies"
          value={String(t.stoppedReplies.value)}
          detail={`${countOf(t.blockedSuggestions.value, 'unknown product')} blocked`}
          definition={d('stoppedReplies')}
          onClick={() => onDrill(t.stoppedReplies.filter)}
        />
      </SimpleGrid>
      <Charts k={k} />
      {isManager && <AssociateTable k={k} onDrill={onDrill} />}
    </>
  );
}

function ratioText(r: KpiRatio): string {
  return `${formatNumber(r.numerator)} of ${formatNumber(r.denominator)}`;
}

interface KpiCardProps {
  label: string;
  value: string;
  detail?: string;
  definition: { plain: string | undefined; formula: string | undefined };
  /** opens the consultations behind the figure; none when there is no list to open */
  onClick?: () => void;
}

function KpiCard({ label, value, detail, definition, onClick }: KpiCardProps) {
  const figure = (
    <>
      <Text size="xs" fw={600} c="dark.4">
        {label}
      </Text>
      <Text fz={24} fw={700} lh={1.2}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dark.4">
          {detail}
        </Text>
      )}
    </>
  );
  return (
    <Card withBorder padding="sm" h="100%" data-testid="kpi-card">
      {onClick ? (
        <UnstyledButton onClick={onClick} aria-label={`${label}: ${value}. Show the consultations`}>
          {figure}
        </UnstyledButton>
      ) : (
        <div role="group" aria-label={`${label}: ${value}`}>
          {figure}
        </div>
      )}
      {definition.plain && (
        <Text size="xs" c="dark.4" mt={6}>
          {definition.plain}
        </Text>
      )}
      {definition.formula && (
        <Popover width={320} position="bottom-start" withArrow shadow="md">
          <Popover.Target>
            <Anchor component="button" type="button" size="xs" mt={4} style={{ alignSelf: 'flex-start' }}>
              How is this computed?
            </Anchor>
          </Popover.Target>
          <Popover.Dropdown>
            <Text size="xs">{definition.formula}</Text>
          </Popover.Dropdown>
        </Popover>
      )}
    </Card>
  );
}

function Charts({ k }: { k: KpiOutput }) {
  const label = (b: string) => formatDay(b);
  const rates = k.series.points.map((p) => ({
    bucket: label(p.bucket),
    Engagement: p.engagementRate === null ? null : Math.round(p.engagementRate * 100),
    Acceptance: p.acceptanceRate === null ? null : Math.round(p.acceptanceRate * 100),
    Conversion: p.conversionRate === null ? null : Math.round(p.conversionRate * 100),
  }));
  const volume = k.series.points.map((p) => ({ bucket: label(p.bucket), Consultations: p.consultations }));
  const latency = k.series.points.map((p) => ({
    bucket: label(p.bucket),
    'First suggestion p50': p.firstSuggestionP50Ms,
    'Full reply p50': p.fullReplyP50Ms,
    'Full reply p95': p.fullReplyP95Ms,
  }));
  // days with no consultations have no rate: drawn as gaps (null, connectNulls off), never as 0 %
  const emptyBuckets = k.series.points.filter((p) => p.consultations === 0).map((p) => p.bucket);
  const sat = ([1, 2, 3, 4, 5] as const).map((s) => ({
    score: String(s),
    Ratings: k.totals.satisfaction.distribution[s],
  }));
  return (
    <SimpleGrid
      cols={{ base: 1, md: 2 }}
      spacing="md"
      mb="lg"
      data-testid="kpi-charts"
      data-buckets={k.series.points.map((p) => p.bucket).join(' ')}
    >
      <ChartCard title="Consultations">
        <BarChart h={200} data={volume} dataKey="bucket" series={[{ name: 'Consultations', color: 'blue.6' }]} />
      </ChartCard>
      <ChartCard title="Engagement, acceptance, conversion (%)" testId="rates-chart" emptyBuckets={emptyBuckets}>
        <LineChart
          h={200}
          data={rates}
          dataKey="bucket"
          connectNulls={false}
          unit="%"
          yAxisProps={{ domain: [0, 100] }}
          withLegend
          series={[
            { name: 'Engagement', color: 'teal.6' },
            { name: 'Acceptance', color: 'grape.6' },
            { name: 'Conversion', color: 'orange.6' },
          ]}
        />
      </ChartCard>
      <ChartCard title="Response time (ms)" testId="latency-chart" emptyBuckets={emptyBuckets}>
        <LineChart
          h={200}
          data={latency}
          dataKey="bucket"
          connectNulls={false}
          withLegend
          series={[
            { name: 'First suggestion p50', color: 'teal.6' },
            { name: 'Full reply p50', color: 'blue.6' },
            { name: 'Full reply p95', color: 'red.5' },
          ]}
        />
      </ChartCard>
      <ChartCard title="Satisfaction ratings">
        <BarChart h={200} data={sat} dataKey="score" series={[{ name: 'Ratings', color: 'yellow.6' }]} />
      </ChartCard>
    </SimpleGrid>
  );
}

interface ChartCardProps {
  title: string;
  children: React.ReactNode;
  testId?: string;
  emptyBuckets?: string[];
}

function ChartCard({ title, children, testId, emptyBuckets }: ChartCardProps) {
  return (
    <Card withBorder padding="sm" data-testid={testId} data-empty-buckets={emptyBuckets?.join(' ')}>
      <Title order={3} fz="sm" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function AssociateTable({ k, onDrill }: { k: KpiOutput; onDrill: (f: ConsultationFilter) => void }) {
  if (!k.associates.length) return null;
  return (
    <Card withBorder padding="sm">
      <Title order={3} fz="sm" mb="xs">
        Per associate
      </Title>
      <Table aria-label="KPIs per associate" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Associate</Table.Th>
            <Table.Th ta="right">Consultations</Table.Th>
            <Table.Th ta="right">Engagement</Table.Th>
            <Table.Th ta="right">Acceptance</Table.Th>
            <Table.Th ta="right">Conversion</Table.Th>
            <Table.Th ta="right">Avg basket</Table.Th>
            <Table.Th ta="right">Satisfaction</Table.Th>
            <Table.Th ta="right">Full reply p50</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {k.associates.map((a) => (
            <Table.Tr key={a.associateId}>
              <Table.Td>
                <UnstyledButton onClick={() => onDrill(a.consultations.filter)} c="blue.7">
                  {a.name}
                </UnstyledButton>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(a.consultations.value)}</Table.Td>
              <Table.Td ta="right">{pct(a.engagement.value)}</Table.Td>
              <Table.Td ta="right">{pct(a.acceptance.value)}</Table.Td>
              <Table.Td ta="right">{pct(a.conversion.value)}</Table.Td>
              <Table.Td ta="right">
                {a.basket.byCurrency[0]
                  ? formatMoney(a.basket.byCurrency[0].avgValue, a.basket.byCurrency[0].currency)
                  : '—'}
              </Table.Td>
              <Table.Td ta="right">
                {a.satisfaction.mean === null ? '—' : formatNumber(a.satisfaction.mean, 2)}
              </Table.Td>
              <Table.Td ta="right">{ms(a.responseTime.all.fullReply.p50)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
