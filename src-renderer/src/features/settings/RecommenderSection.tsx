/**
 * Settings → Recommender: the model health line (when trained, on what, which strategies work) and
 * "Retrain now", whose progress comes from 'recommender.progress' events while main trains in a worker,
 * and the model card (ModelCardPanel): which model won the self-validation on this store's data.
 */
import { useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconBrain, IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useAppEvent, useCall, useMutate } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fullTime, timeAgo } from '../../lib/time';
import { RunProgress } from './RunDetails';
import { strategyHealth, strategyLabel, type TrainProgress } from './settings-format';
import { ModelCardPanel } from './ModelCardPanel';

const HEALTH = {
  ok: { label: 'Up to date', color: 'teal' },
  stale: { label: 'New orders since training', color: 'yellow' },
  missing: { label: 'Not trained yet', color: 'gray' },
} as const;

function Figure({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <Box>
      <Text fw={650} fz="xl" className="tabular" lh={1.25} title={hint}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Box>
  );
}

export function RecommenderSection() {
  const status = useCall('recommender.status', {});
  const train = useMutate('recommender.train');
  const [progress, setProgress] = useState<TrainProgress | null>(null);
  useAppEvent('recommender.progress', (e) => setProgress(e));
  const h = status.data;
  const training = train.isPending || progress?.status === 'running';

  return (
    <Stack gap="lg">
      {status.error && (
        <ErrorNotice error={status.error} onRetry={() => status.refetch()} what="loading the recommender's health" />
      )}
      {status.isPending && <Skeleton h={220} radius="lg" />}
      {h && (
        <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="model-title">
          <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
            <Stack gap={4}>
              <Group gap="xs">
                <Title order={3} fz="lg" id="model-title">
                  Suggestion model
                </Title>
                <Badge color={HEALTH[h.status].color} variant="light" tt="none" radius="sm" data-testid="model-status">
                  {HEALTH[h.status].label}
                </Badge>
              </Group>
              <Text size="sm" data-testid="model-health-line">
                {h.status === 'missing'
                  ? 'Not trained yet: personal picks, “goes with” and best-seller suggestions start after the first training, which runs in the background.'
                  : h.message}
              </Text>
            </Stack>
            <Button
              leftSection={training ? <Loader size={16} color="gray" /> : <IconBrain size={18} />}
              onClick={() => train.mutate({})}
              disabled={training}
              style={{ flexShrink: 0 }}
            >
              {training ? 'Training…' : h.status === 'missing' ? 'Train now' : 'Retrain now'}
            </Button>
          </Group>

          {training && (
            <Box my="md">
              <RunProgress
                progress={progress?.status === 'running' ? progress : null}
                label="Recommender training progress"
              />
            </Box>
          )}
          {train.error && (
            <Box my="md">
              <ErrorNotice error={train.error} what="training the recommender" onRetry={() => train.mutate({})} />
            </Box>
          )}
          {train.isSuccess && !training && (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} my="md" p="xs" role="status">
              Trained {timeAgo(train.data.trainedAt)}
              {train.data.trainSeconds !== null ? ` in ${train.data.trainSeconds.toFixed(1)} s` : ''}. New suggestions
              use it from now on.
            </Alert>
          )}

          <SimpleGrid cols={{ base: 2, md: 5 }} spacing="md" mt="md">
            <Figure
              label="Trained"
              value={
                <Tooltip label={fullTime(h.trainedAt)} disabled={!h.trainedAt}>
                  <span tabIndex={h.trainedAt ? 0 : undefined} data-testid="trained-at">
                    {timeAgo(h.trainedAt)}
                  </span>
                </Tooltip>
              }
            />
            <Figure label="Baskets" value={h.baskets.toLocaleString('en-GB')} />
            <Figure label="Customers" value={h.customers.toLocaleString('en-GB')} />
            <Figure label="Items" value={h.items.toLocaleString('en-GB')} />
            <Figure label="Training took" value={h.trainSeconds !== null ? `${h.trainSeconds.toFixed(1)} s` : '—'} />
          </SimpleGrid>
        </Paper>
      )}

      {h?.card && <ModelCardPanel card={h.card} />}

      {h && (
        <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="strategies-title">
          <Title order={3} fz="lg" id="strategies-title" mb={4}>
            Strategies
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Each strategy suggests products in its own way; an empty one has too little history to work from yet.
          </Text>
          {Object.keys(h.strategies).length === 0 ? (
            <Text size="sm" c="dimmed">
              None yet: they appear after the first training.
            </Text>
          ) : (
            <Table fz="sm" verticalSpacing={8} aria-label="Recommender strategies">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Strategy</Table.Th>
                  <Table.Th w={120}>State</Table.Th>
                  <Table.Th>Detail</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {strategyHealth(h.strategies).map((s) => (
                  <Table.Tr key={s.name} data-testid="strategy-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {strategyLabel(s.name)}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {s.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {s.active ? (
                          <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" aria-hidden />
                        ) : (
                          <IconCircleDashed size={16} color="var(--mantine-color-gray-6)" aria-hidden />
                        )}
                        <Text size="sm">{s.active ? 'Active' : 'Empty'}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td c={s.detail ? undefined : 'dimmed'}>{s.detail ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
    </Stack>
  );
}
