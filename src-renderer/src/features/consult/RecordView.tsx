/** A finished consultation, read back: outcome, basket, satisfaction, notes, then the conversation and what was done with each card. */
import { Badge, Box, Button, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconCloudUpload,
  IconHeartFilled,
  IconBookmarkFilled,
  IconShoppingBag,
  IconThumbDown,
} from '@tabler/icons-react';
import { type ConsultationDetail } from '../../../../src-main/contract';
import { formatMoney } from '../../lib/format';
import { buildHash, navigate } from '../../app/router';
import { useCustomerFacing } from '../../components/CustomerFacing';
import { PageHeader } from '../../components/PageHeader';
import { fullTime } from '../../lib/time';
import { groupTurns, OUTCOME_LABELS, reactionsBySku } from './consult-logic';
import { useHeadOffice } from '../../app/use-head-office';
import classes from './Consult.module.css';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Box>
      <Text size="xs" c="dark.4" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text fz="lg" fw={700} className="tabular" data-testid={testId}>
        {value}
      </Text>
    </Box>
  );
}

export function RecordView({ detail }: { detail: ConsultationDetail }) {
  const [customerFacing] = useCustomerFacing();
  const headOffice = useHeadOffice();
  const c = detail.consultation;
  const turns = groupTurns(detail);
  const acted = reactionsBySku(detail.suggestions);
  return (
    <>
      <PageHeader
        title={c.customerId === null ? 'Walk-in consultation' : `Consultation with ${c.customerLabel}`}
        description={`Started ${fullTime(c.startedAt)}${c.endedAt ? ` · ended ${fullTime(c.endedAt)}` : ''}`}
        actions={
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => navigate(buildHash('/consult'))}
            >
              All consultations
            </Button>
          </Group>
        }
      />
      <Stack gap="md" data-testid="consultation-record">
        <Paper withBorder radius="lg" p="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="lg">
              Outcome
            </Title>
            <Group gap={6} c="dark.4">
              <IconCloudUpload size={16} aria-hidden />
              <Text size="sm">
                {headOffice ? 'Saved on this laptop and queued for head office' : 'Saved on this laptop'}
              </Text>
            </Group>
          </Group>
          <SimpleGrid cols={4} spacing="md">
            <Fact label="Result" value={OUTCOME_LABELS[c.outcome ?? ''] ?? c.outcome ?? '—'} testId="record-outcome" />
            <Fact
              label="Basket"
              value={
                c.basketValue !== null && !customerFacing
                  ? `${formatMoney(c.basketValue, c.currency ?? 'GBP')} · ${c.basketUnits} ${c.basketUnits === 1 ? 'item' : 'items'}`
                  : c.basketValue !== null
                    ? `${c.basketUnits} items`
                    : '—'
              }
              testId="record-basket"
            />
            <Fact
              label="Satisfaction"
              value={c.satisfaction !== null ? `${c.satisfaction} of 5` : 'not recorded'}
              testId="record-satisfaction"
            />
            <Fact label="Messages" value={String(c.turns)} />
          </SimpleGrid>
          {c.notes && !customerFacing && (
            <Box mt="md">
              <Text size="xs" c="dark.4" fw={600} tt="uppercase" lts={0.3}>
                Notes
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="record-notes">
                {c.notes}
              </Text>
            </Box>
          )}
        </Paper>

        {detail.basket.length > 0 && (
          <Paper withBorder radius="lg" p="md">
            <Title order={2} fz="lg" mb="sm">
              What they bought
            </Title>
            <Stack gap={6}>
              {detail.basket.map((b) => (
                <Group key={b.sku} justify="space-between" wrap="nowrap" data-testid="record-basket-line">
                  <Box>
                    <Text fw={600}>{b.title}</Text>
                    <Text size="sm" c="dark.4">
                      {[b.size && `Size ${b.size}`, b.color, b.sku].filter(Boolean).join(' · ')}
                    </Text>
                  </Box>
                  <Text className="tabular" fw={600}>
                    {b.quantity} ×{customerFacing ? '' : ` ${formatMoney(b.unitPrice, c.currency ?? 'GBP')}`}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Paper>
        )}

        {acted.length > 0 && (
          <Paper withBorder radius="lg" p="md">
            <Title order={2} fz="lg" mb="sm">
              Products they reacted to
            </Title>
            <Stack gap={6}>
              {acted.map((s) => (
                <Group key={s.suggestionId} wrap="nowrap" gap="sm" data-testid="record-suggestion">
                  <Box
                    w={44}
                    h={44}
                    style={{
                      flex: 'none',
                      background: 'var(--mantine-color-gray-1)',
                      borderRadius: 6,
                      overflow: 'hidden',
                    }}
                  >
                    {s.imageUrl && <Image src={s.imageUrl} alt="" w={44} h={44} fit="contain" />}
                  </Box>
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate="end">
                      {s.title}
                    </Text>
                    <Text size="xs" c="dark.4">
                      {[s.sku, s.size && `Size ${s.size}`, formatMoney(s.price, s.currency)]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Box>
                  <Group gap={4} wrap="nowrap">
                    {s.bought && (
                      <Badge color="teal" leftSection={<IconShoppingBag size={12} />} tt="none">
                        Bought
                      </Badge>
                    )}
                    {s.shortlisted && (
                      <Badge color="aisle" variant="light" leftSection={<IconBookmarkFilled size={12} />} tt="none">
                        Shortlisted
                      </Badge>
                    )}
                    {s.liked && (
                      <Badge color="pink" variant="light" leftSection={<IconHeartFilled size={12} />} tt="none">
                        Liked
                      </Badge>
                    )}
                    {s.rejected && (
                      <Badge color="gray" variant="light" leftSection={<IconThumbDown size={12} />} tt="none">
                        Not for them{s.rejectReason ? ` · ${s.rejectReason}` : ''}
                      </Badge>
                    )}
                  </Group>
                </Group>
              ))}
            </Stack>
          </Paper>
        )}

        {/* what the associate typed is theirs: not on the customer's side of the screen */}
        {!customerFacing && (
          <Paper withBorder radius="lg" p="md">
            <Title order={2} fz="lg" mb="sm">
              Conversation
            </Title>
            <Stack gap="sm">
              {turns.map((t) => (
                <Stack key={t.turn} gap={6}>
                  {t.associate && <Box className={classes.bubbleAssociate}>{t.associate.content}</Box>}
                  {t.replies.map((r) => (
                    <Box key={r.message.id} className={classes.bubbleAssistant}>
                      <Group gap={6} mb={4}>
                        <Badge
                          size="sm"
                          color={r.message.engine === 'llm' ? 'violet' : 'gray'}
                          variant="light"
                          tt="none"
                        >
                          {r.message.engine === 'llm'
                            ? `LLM${r.message.model ? ` (${r.message.model})` : ''}`
                            : 'Local engine'}
                        </Badge>
                        {r.message.status === 'stopped' && (
                          <Badge size="sm" color="orange" variant="light" tt="none">
                            Stopped
                          </Badge>
                        )}
                        {r.suggestions.length > 0 && (
                          <Text size="xs" c="dark.4">
                            {r.suggestions.length} suggestions
                          </Text>
                        )}
                      </Group>
                      <Text className={classes.replyText}>{r.message.content}</Text>
                    </Box>
                  ))}
                </Stack>
              ))}
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
