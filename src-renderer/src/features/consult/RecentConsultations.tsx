/** The associate's own recent consultations, newest first: open ones to continue, ended ones to read back. */
import { Badge, Box, Group, Skeleton, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconStarFilled } from '@tabler/icons-react';
import { type ConsultationSummary } from '../../../../src-main/contract';
import { formatMoney } from '../../lib/format';
import { useCall } from '../../api';
import { buildHash, navigate } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { timeAgo } from '../../lib/time';
import { OUTCOME_LABELS } from './consult-logic';
import classes from './Consult.module.css';

export function OutcomeBadge({ c }: { c: Pick<ConsultationSummary, 'endedAt' | 'outcome'> }) {
  if (!c.endedAt)
    return (
      <Badge color="blue" variant="light" tt="none">
        Open
      </Badge>
    );
  const color = c.outcome === 'purchased' ? 'teal' : c.outcome === 'abandoned' ? 'gray' : 'yellow';
  return (
    <Badge color={color} variant="light" tt="none">
      {OUTCOME_LABELS[c.outcome ?? ''] ?? c.outcome ?? 'Ended'}
    </Badge>
  );
}

export function RecentConsultations({ hideValues }: { hideValues?: boolean }) {
  const q = useCall('consultation.list', { limit: 12, openOnly: false });
  if (q.error) return <ErrorNotice error={q.error} onRetry={() => q.refetch()} what="listing consultations" />;
  if (!q.data) return <Skeleton h={200} radius="md" />;
  const list = q.data.consultations;
  if (!list.length)
    return (
      <Text size="sm" c="dark.4">
        None yet. Consultations you start on this laptop appear here, and stay readable after they end.
      </Text>
    );
  return (
    <Stack
      gap={6}
      component="ul"
      className={classes.plainList}
      aria-label="Your recent consultations"
      data-testid="recent-consultations"
    >
      {list.map((c) => (
        <Box component="li" key={c.id}>
          <UnstyledButton
            className={classes.recentRow}
            onClick={() => navigate(buildHash('/consult', { c: c.id }))}
            data-testid="recent-consultation"
          >
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Box miw={0}>
                <Group gap={8} wrap="nowrap">
                  <Text fw={600} truncate="end">
                    {c.customerLabel}
                  </Text>
                  <OutcomeBadge c={c} />
                </Group>
                <Text size="xs" c="dark.4">
                  {timeAgo(c.startedAt)} · {c.turns} {c.turns === 1 ? 'message' : 'messages'}
                </Text>
              </Box>
              <Group gap="sm" wrap="nowrap" style={{ flex: 'none' }}>
                {c.satisfaction !== null && (
                  <Group gap={2} wrap="nowrap" title={`Satisfaction ${c.satisfaction} of 5`}>
                    <IconStarFilled size={14} color="var(--mantine-color-yellow-6)" aria-hidden />
                    <Text size="sm" fw={600} className="tabular">
                      <VisuallyHidden>Satisfaction </VisuallyHidden>
                      {c.satisfaction}/5
                    </Text>
                  </Group>
                )}
                {!hideValues && c.basketValue !== null && (
                  <Text size="sm" fw={700} className="tabular">
                    {formatMoney(c.basketValue, c.currency ?? 'GBP')}
                  </Text>
                )}
              </Group>
            </Group>
          </UnstyledButton>
        </Box>
      ))}
    </Stack>
  );
}
