/**
 * One consultation as a timeline: the customer context as it was, each message with the constraints
 * understood, the suggestions shown (reasons, what happened to each, blocked ones), engine and
 * latency per reply, events, and the manager's coaching notes at any point.
 */
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  Pill,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconMessageCircle, IconRobot, IconStar, IconStarFilled, IconBolt, IconNote } from '@tabler/icons-react';
import {
  ASSOCIATE_LABELS,
  NOBODY_SIGNED_IN,
  type ReplayOutput,
  type TimelineItem,
} from '../../../../src-main/contract';
import { countOf, formatMoney, formatNumber } from '../../lib/format';
import {
  describeEvent,
  summariseCustomerContext,
  understoodChips,
  type CustomerSummary,
  type EventContext,
} from './describe';
import { useCall, useMutate } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fullTime } from '../../lib/time';
import { OutcomeBadge } from './ConsultationList';

type Message = Extract<TimelineItem, { kind: 'message' }>;
type Suggestion = Message['suggestions'][number];

const FATE_WORDS: Record<Suggestion['fate'], string> = {
  bought: 'Bought',
  shortlisted: 'Shortlisted',
  rejected: 'Rejected',
  liked: 'Liked',
  shown: 'Shown',
  blocked: 'Blocked',
  hidden: 'Not shown',
};

const FATE_COLOR: Record<Suggestion['fate'], string> = {
  bought: 'green',
  shortlisted: 'teal',
  rejected: 'red',
  liked: 'blue',
  shown: 'gray',
  blocked: 'orange',
  hidden: 'gray',
};

export function Replay({ consultationId }: { consultationId: string }) {
  const replay = useCall('review.replay', { consultationId });
  if (replay.error) return <ErrorNotice error={replay.error} onRetry={() => replay.refetch()} />;
  if (!replay.data) return <Text c="dimmed">Loading…</Text>;
  const { consultation: c, timeline, notes, otherSuggestions, canCoach } = replay.data;
  const allSuggestions = [...otherSuggestions, ...timeline.flatMap((t) => (t.kind === 'message' ? t.suggestions : []))];
  const eventContext: EventContext = {
    customerName: c.customer?.name ?? null,
    currency: c.currency,
    titleBySuggestion: new Map(allSuggestions.map((s) => [s.id, s.title ?? s.sku])),
    titleBySku: new Map(allSuggestions.map((s) => [s.sku, s.title ?? s.sku])),
  };
  return (
    <Stack gap="md" data-testid="replay">
      <Group gap="sm">
        <OutcomeBadge outcome={c.outcome} />
        <Text size="sm">
          {whoWithWhom(c)} · {fullTime(c.startedAt)}
          {c.durationSec !== null && ` · ${Math.round(c.durationSec / 60)} min`}
        </Text>
        {c.outcome === 'purchased' && c.basketValue !== null && c.currency && (
          <Badge variant="outline" color="green" tt="none">
            {formatMoney(c.basketValue, c.currency)} · {countOf(c.basketUnits ?? 0, 'unit')}
          </Badge>
        )}
        {c.satisfaction !== null && (
          <Badge variant="outline" tt="none">
            Rated {c.satisfaction}/5
          </Badge>
        )}
      </Group>
      {c.transcriptPurged && (
        <Text size="sm" c="dimmed">
          The transcript was removed by the retention rule on {fullTime(c.transcriptPurgedAt)}; outcome and figures are
          kept.
        </Text>
      )}
      {c.customerContext && <CustomerContext summary={summariseCustomerContext(c.customerContext, c.currency)} />}
      <Timeline bulletSize={26} lineWidth={2} aria-label="Consultation timeline">
        {timeline.map((item) =>
          item.kind === 'message' ? (
            <Timeline.Item
              key={`m${item.id}`}
              bullet={item.role === 'assistant' ? <IconRobot size={14} /> : <IconMessageCircle size={14} />}
              title={<MessageTitle m={item} associateName={c.associate.name} />}
            >
              <MessageBody m={item} consultationId={c.id} canCoach={canCoach} currency={c.currency} />
            </Timeline.Item>
          ) : (
            <Timeline.Item
              key={`e${item.id}`}
              bullet={<IconBolt size={12} />}
              title={
                <Text size="sm" c="dark.5">
                  {describeEvent(item.type, item.payload, eventContext)}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {fullTime(item.at)}
              </Text>
            </Timeline.Item>
          ),
        )}
      </Timeline>
      {otherSuggestions.length > 0 && (
        <Card withBorder padding="sm">
          <Text size="sm" fw={600}>
            Other suggestions
          </Text>
          <SuggestionList suggestions={otherSuggestions} />
        </Card>
      )}
      <Card withBorder padding="sm">
        <Title order={3} fz="md" mb="xs">
          Coaching notes on the whole consultation
        </Title>
        <Notes notes={notes} />
        {canCoach && (
          <NoteForm consultationId={c.id} messageId={null} label="Add a note about the whole consultation" />
        )}
      </Card>
    </Stack>
  );
}

/** The customer as the copilot knew them at the start: sizes with their evidence, tastes, consent. */
function CustomerContext({ summary }: { summary: CustomerSummary }) {
  return (
    <Card withBorder padding="sm" data-testid="customer-context">
      <Text size="sm" fw={600} mb={6}>
        What the copilot knew about the customer
      </Text>
      <Text size="sm" mb={6}>
        {summary.consent === 'withheld'
          ? 'The customer withheld consent to personalisation: no history was used.'
          : summary.consent === 'given'
            ? 'The customer agreed to personalised suggestions.'
            : 'Consent to personalisation is not recorded.'}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {summary.sizes.length > 0 && (
          <div>
            <Text size="xs" fw={600} c="dark.4">
              Sizes
            </Text>
            {summary.sizes.map((sz) => (
              <Text size="sm" key={sz.kind}>
                {sz.kind}: <b>{sz.value}</b>
                {sz.evidence && <Text span size="xs" c="dimmed">{` — ${sz.evidence}`}</Text>}
              </Text>
            ))}
          </div>
        )}
        {summary.tastes.map((t) => (
          <div key={t.label}>
            <Text size="xs" fw={600} c="dark.4">
              {t.label}
            </Text>
            <Group gap={4}>
              {t.values.map((v) => (
                <Pill key={v} size="sm">
                  {v}
                </Pill>
              ))}
            </Group>
          </div>
        ))}
        {summary.budget && (
          <div>
            <Text size="xs" fw={600} c="dark.4">
              Usual budget
            </Text>
            <Text size="sm">{summary.budget}</Text>
          </div>
        )}
        {summary.history && (
          <div>
            <Text size="xs" fw={600} c="dark.4">
              History
            </Text>
            <Text size="sm">{summary.history}</Text>
          </div>
        )}
      </SimpleGrid>
    </Card>
  );
}

const ENGINE_WORDS: Record<string, string> = { llm: 'Language model', local: 'Local engine' };
/** "Priya Shah with Ana K.", or — nobody signed in — "With Ana K., nobody signed in at the laptop". */
function whoWithWhom(c: ReplayOutput['consultation']): string {
  const customer = c.customer ? c.customer.name : 'a walk-in customer';
  if (c.associate.id === NOBODY_SIGNED_IN && c.associate.name === ASSOCIATE_LABELS.nobodySignedIn)
    return `With ${customer}, nobody signed in at the laptop`;
  return `${c.associate.name} with ${customer}`;
}

const STATUS_WORDS: Record<string, string> = { stopped: 'Stopped by the associate', failed: 'Failed', error: 'Failed' };
const ms = (v: number) => (v >= 1000 ? `${formatNumber(v / 1000, 1)} s` : `${formatNumber(v)} ms`);

function MessageTitle({ m, associateName }: { m: Message; associateName: string }) {
  return (
    <Group gap={6}>
      <Text size="sm" fw={600}>
        {m.role === 'assistant' ? 'Copilot' : associateName} · turn {m.turn}
      </Text>
      {m.engine && (
        <Badge size="xs" variant="light" tt="none" color={m.engine === 'llm' ? 'grape' : 'teal'}>
          {ENGINE_WORDS[m.engine] ?? m.engine}
          {m.model ? ` · ${m.model}` : ''}
        </Badge>
      )}
      {m.firstSuggestionMs !== null && (
        <Badge size="xs" variant="outline" tt="none">
          first suggestion after {ms(m.firstSuggestionMs)}
        </Badge>
      )}
      {m.fullReplyMs !== null && (
        <Badge size="xs" variant="outline" tt="none">
          full answer after {ms(m.fullReplyMs)}
        </Badge>
      )}
      {m.status !== 'complete' && (
        <Badge size="xs" tt="none" color={m.status === 'stopped' ? 'orange' : 'red'}>
          {STATUS_WORDS[m.status] ?? m.status}
        </Badge>
      )}
      {m.fallback && (
        <Tooltip label={m.fallback}>
          <Badge size="xs" color="orange" variant="light" tt="none">
            answered by the back-up
          </Badge>
        </Tooltip>
      )}
      {m.goodExample && (
        <Badge size="xs" color="yellow" tt="none" leftSection={<IconStarFilled size={10} />}>
          good example
        </Badge>
      )}
    </Group>
  );
}

function MessageBody({
  m,
  consultationId,
  canCoach,
  currency,
}: {
  m: Message;
  consultationId: string;
  canCoach: boolean;
  currency: string | null;
}) {
  const mark = useMutate('review.markGoodExample');
  const [noting, setNoting] = useState(false);
  const chips = m.constraints ? understoodChips(m.constraints, currency) : [];
  return (
    <Stack gap={6} mt={4} data-testid="timeline-message">
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {m.content || (
          <Text span c="dimmed">
            (removed)
          </Text>
        )}
      </Text>
      {chips.length > 0 && (
        <Group gap={4} aria-label="What the copilot understood" data-testid="understood">
          <Text size="xs" c="dark.4">
            Understood:
          </Text>
          {chips.map((chip) => (
            <Pill key={chip} size="xs">
              {chip}
            </Pill>
          ))}
        </Group>
      )}
      {m.questions && m.questions.length > 0 && (
        <Text size="xs" c="dimmed">
          Asked back: {m.questions.join(' · ')}
        </Text>
      )}
      {m.suggestions.length > 0 && <SuggestionList suggestions={m.suggestions} />}
      <Notes notes={m.notes} />
      {canCoach && (
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconNote size={12} />}
            onClick={() => setNoting((v) => !v)}
          >
            Coaching note
          </Button>
          {m.role === 'assistant' && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="yellow"
              leftSection={m.goodExample ? <IconStarFilled size={12} /> : <IconStar size={12} />}
              loading={mark.isPending}
              onClick={() => mark.mutate({ messageId: m.id, good: !m.goodExample })}
            >
              {m.goodExample ? 'Unmark good example' : 'Mark as good example'}
            </Button>
          )}
        </Group>
      )}
      {noting && (
        <NoteForm
          consultationId={consultationId}
          messageId={m.id}
          label={`Coaching note on turn ${m.turn}`}
          onDone={() => setNoting(false)}
        />
      )}
    </Stack>
  );
}

function SuggestionList({ suggestions }: { suggestions: Suggestion[] }) {
  return (
    <Stack gap={4}>
      {suggestions.map((s) => (
        <Group key={s.id} gap={6} wrap="nowrap" align="flex-start" data-testid="suggestion">
          <Badge
            size="sm"
            tt="none"
            color={FATE_COLOR[s.fate]}
            variant={s.fate === 'blocked' ? 'outline' : 'light'}
            w={92}
          >
            {FATE_WORDS[s.fate]}
          </Badge>
          <div>
            <Text size="sm">
              {s.title ?? s.sku}{' '}
              <Text span size="xs" c="dimmed">
                {s.sku}
              </Text>
            </Text>
            {s.reasons.length > 0 && (
              <Text size="xs" c="dimmed">
                {s.reasons.join(' · ')}
              </Text>
            )}
            {s.rejectReason && (
              <Text size="xs" c="red.7">
                Rejected: {s.rejectReason}
              </Text>
            )}
            {s.fate === 'blocked' && (
              <Text size="xs" c="orange.8">
                Not found in store data: blocked, never shown.
              </Text>
            )}
          </div>
        </Group>
      ))}
    </Stack>
  );
}

function Notes({ notes }: { notes: ReplayOutput['notes'] }) {
  if (!notes.length) return null;
  return (
    <Stack gap={4}>
      {notes.map((n) => (
        <Card key={n.id} padding={6} radius="sm" bg="blue.0" data-testid="coaching-note">
          <Text size="sm">{n.body}</Text>
          <Text size="xs" c="dimmed">
            {n.authorName} · {fullTime(n.createdAt)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

function NoteForm({
  consultationId,
  messageId,
  label,
  onDone,
}: {
  consultationId: string;
  messageId: number | null;
  label: string;
  onDone?: () => void;
}) {
  const add = useMutate('review.addCoachingNote');
  const [body, setBody] = useState('');
  return (
    <form
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ consultationId, messageId, body }, { onSuccess: () => (setBody(''), onDone?.()) });
      }}
    >
      <Stack gap={4} mt={4}>
        <Textarea
          label={label}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={4000}
        />
        {add.error && (
          <Text size="xs" c="red" role="alert">
            {add.error.message}
          </Text>
        )}
        <Group>
          <Button type="submit" size="xs" disabled={!body.trim()} loading={add.isPending}>
            Save note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
