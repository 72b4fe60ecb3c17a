/**
 * Settings → Recommender → "Which model won on your data": the model card written at training time
 * (issue #14). The self-validation held out the most recent weeks of this store's own orders, scored
 * each candidate there, and kept the simplest model that nothing beat beyond noise. The chart shows
 * each candidate's difference from "what they buy most often" (GP-TopFreq) with its 95% interval, so
 * a manager can see at a glance whether the cleverer model is really better here.
 */
import { Badge, Box, Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { CallOutput } from '../../../../src-main/contract';

type Card = NonNullable<CallOutput<'recommender.status'>['card']>;

const MODEL_NAMES: Record<string, string> = {
  'gp-topfreq': 'What they buy most often',
  repurchase: 'Recent repeat purchases',
  'recent-pop': 'Recent best sellers',
  'two-stage': 'Two-stage ranker',
};
export const modelName = (m: string) => MODEL_NAMES[m] ?? m;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;

/** Forest plot: Δ NDCG@10 vs the baseline, one row per candidate, 0 marked. */
function ComparisonChart({ card }: { card: Card }) {
  const rows = card.candidates;
  const lo = Math.min(0, ...rows.map((r) => r.vsBaseline.lo));
  const hi = Math.max(0, ...rows.map((r) => r.vsBaseline.hi));
  const pad = (hi - lo) * 0.08 || 0.01;
  const [a, b] = [lo - pad, hi + pad];
  const W = 520,
    label = 190,
    rowH = 30,
    top = 8,
    H = top + rows.length * rowH + 26;
  const x = (v: number) => label + ((v - a) / (b - a)) * (W - label - 12);
  const ticks = [a + pad, 0, b - pad].filter((v, i, all) => all.indexOf(v) === i);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      style={{ maxWidth: 640, display: 'block' }}
      role="img"
      aria-label={`Difference in ranking quality (NDCG@10) from ${modelName(card.baseline)}, with 95% intervals`}
      data-testid="model-comparison-chart"
    >
      <line x1={x(0)} x2={x(0)} y1={top - 4} y2={H - 22} stroke="var(--mantine-color-gray-5)" strokeDasharray="3 3" />
      {rows.map((r, k) => {
        const y = top + k * rowH + rowH / 2;
        const color = r.chosen ? 'var(--mantine-color-teal-7)' : 'var(--mantine-color-gray-6)';
        return (
          <g key={r.model}>
            <text x={0} y={y + 4} fontSize={13} fontWeight={r.chosen ? 700 : 400} fill="currentColor">
              {modelName(r.model)}
              {r.chosen ? ' ✓' : ''}
            </text>
            <line
              x1={x(r.vsBaseline.lo)}
              x2={x(r.vsBaseline.hi)}
              y1={y}
              y2={y}
              stroke={color}
              strokeWidth={3}
              strokeLinecap="round"
            />
            <circle cx={x(r.vsBaseline.mean)} cy={y} r={5} fill={color} />
          </g>
        );
      })}
      {ticks.map((v) => (
        <text key={v} x={x(v)} y={H - 6} fontSize={11} textAnchor="middle" fill="var(--mantine-color-dimmed)">
          {v === 0 ? `0 = ${modelName(card.baseline)}` : signed(v)}
        </text>
      ))}
    </svg>
  );
}

export function ModelCardPanel({ card }: { card: Card }) {
  const won = card.candidates.find((c) => c.chosen);
  const base = card.candidates.find((c) => c.model === card.baseline);
  return (
    <Paper
      withBorder
      radius="lg"
      p="lg"
      component="section"
      aria-labelledby="model-card-title"
      data-testid="model-card"
    >
      <Group gap="xs" mb={4}>
        <Title order={3} fz="lg" id="model-card-title">
          Which model won on your data
        </Title>
        <Badge color="teal" variant="light" tt="none" radius="sm" data-testid="model-card-chosen">
          {modelName(card.chosen)}
        </Badge>
      </Group>
      <Text size="sm" mb="xs">
        {card.chosenLabel.charAt(0).toUpperCase() + card.chosenLabel.slice(1)}.
      </Text>
      <Text size="sm" c="dimmed" mb="md">
        Tested on {card.holdout} — {card.holdoutCustomers.toLocaleString('en-GB')} customers whose next purchases the
        models did not see. {card.reason.charAt(0).toUpperCase() + card.reason.slice(1)}.
      </Text>

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" mb="md">
        <Box>
          <Text fw={650} fz="xl" className="tabular">
            {won ? pct(won.recall10) : '—'}
          </Text>
          <Text size="xs" c="dimmed">
            of next purchases in its top 10 (Recall@10)
            {base && won && base !== won ? ` — ${pct(base.recall10)} for ${modelName(base.model).toLowerCase()}` : ''}
          </Text>
        </Box>
        <Box>
          <Text fw={650} fz="xl" className="tabular">
            {won ? won.ndcg10.toFixed(3) : '—'}
          </Text>
          <Text size="xs" c="dimmed">
            ranking quality (NDCG@10){base && won && base !== won ? ` — ${base.ndcg10.toFixed(3)} baseline` : ''}
          </Text>
        </Box>
        <Box>
          <Text fw={650} fz="xl" className="tabular">
            {card.data.spanDays} days
          </Text>
          <Text size="xs" c="dimmed">
            of orders, {card.data.from} to {card.data.to}
            {card.data.medianVisitGapDays !== null
              ? `; customers return every ${Math.round(card.data.medianVisitGapDays)} days (median)`
              : ''}
          </Text>
        </Box>
        <Box>
          <Text fw={650} fz="xl" className="tabular">
            {card.data.customers.toLocaleString('en-GB')}
          </Text>
          <Text size="xs" c="dimmed">
            customers, {card.data.baskets.toLocaleString('en-GB')} shopping trips
          </Text>
        </Box>
      </SimpleGrid>

      <Text size="sm" fw={600} mb={4}>
        Difference from “{modelName(card.baseline).toLowerCase()}”, with 95% interval
      </Text>
      <ComparisonChart card={card} />
      <Table fz="sm" verticalSpacing={6} mt="sm" aria-label="Models compared on your data">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th ta="right">Recall@10</Table.Th>
            <Table.Th ta="right">NDCG@10</Table.Th>
            <Table.Th ta="right">vs baseline (95% interval)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {card.candidates.map((c) => (
            <Table.Tr key={c.model} data-testid="model-card-row" fw={c.chosen ? 650 : undefined}>
              <Table.Td>
                {modelName(c.model)}
                {c.chosen ? ' (in use)' : ''}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {pct(c.recall10)}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {c.ndcg10.toFixed(3)}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {c.model === card.baseline
                  ? 'baseline'
                  : `${signed(c.vsBaseline.mean)} [${signed(c.vsBaseline.lo)}, ${signed(c.vsBaseline.hi)}] pts`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        Compared when the model was trained ({new Date(card.trainedAt).toLocaleString('en-GB')}), in{' '}
        {card.selectionSeconds.toFixed(1)} s. Differences in NDCG@10 points ×100.
      </Text>
    </Paper>
  );
}
