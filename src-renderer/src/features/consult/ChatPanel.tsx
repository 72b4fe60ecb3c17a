/**
 * The conversation with the copilot: the associate's messages, each reply with the engine that wrote
 * it (local engine, or the LLM while it streams), clarifying-question chips that start the answer in
 * the reply box, and the composer. Enter sends, Shift+Enter is a new line, Esc stops a streaming reply.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Kbd,
  Loader,
  ScrollArea,
  Stack,
  Text,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCpu,
  IconEyeOff,
  IconLayoutGrid,
  IconPlayerStopFilled,
  IconRefresh,
  IconSend2,
  IconSparkles,
} from '@tabler/icons-react';
import { isStreaming, replyStarter, type LiveReply, type ReplyView, type TurnView } from './consult-logic';
import classes from './Consult.module.css';

function EngineBadge({
  engine,
  model,
  provider,
}: {
  engine: 'local' | 'llm' | null;
  model: string | null;
  provider?: string | null;
}) {
  if (engine === 'llm')
    return (
      <Badge
        size="md"
        color="violet"
        variant="light"
        tt="none"
        fw={600}
        leftSection={<IconSparkles size={13} />}
        data-testid="reply-engine"
      >
        {`LLM${provider ? ` · ${provider}` : ''}${model ? ` (${model})` : ''}`}
      </Badge>
    );
  return (
    <Badge
      size="md"
      color="gray"
      variant="light"
      tt="none"
      fw={600}
      leftSection={<IconCpu size={13} />}
      data-testid="reply-engine"
    >
      Local engine
    </Badge>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fallbackText(fallback: string): string {
  if (/llm disabled/i.test(fallback)) return '';
  return `The language model did not answer (${fallback.replace(/\s*→\s*local$/, '')}); this answer from the local engine stands.`;
}

function Reply({ r, focused, onFocus }: { r: ReplyView; focused: boolean; onFocus: () => void }) {
  const m = r.message;
  const fb = m.fallback ? fallbackText(m.fallback) : '';
  return (
    <Box
      className={classes.bubbleAssistant}
      data-focused={focused || undefined}
      data-testid="assistant-message"
      data-engine={m.engine ?? 'local'}
      data-status={m.status}
    >
      <Group gap={6} mb={4} wrap="wrap">
        <EngineBadge engine={m.engine} model={m.model} />
        {m.status === 'stopped' && (
          <Badge size="sm" color="orange" variant="light" tt="none" data-testid="reply-stopped">
            Stopped · partial reply kept
          </Badge>
        )}
        {m.status === 'error' && (
          <Badge size="sm" color="red" variant="light" tt="none">
            Cut off by an error
          </Badge>
        )}
      </Group>
      <Text className={classes.replyText}>
        {m.content || (m.status === 'stopped' ? '(stopped before any text)' : '')}
      </Text>
      {fb && (
        <Group gap={6} mt={6} wrap="nowrap" align="flex-start" c="orange.9">
          <IconAlertTriangle size={15} style={{ flex: 'none', marginTop: 2 }} aria-hidden />
          <Text size="xs">{fb}</Text>
        </Group>
      )}
      {r.suggestions.length > 0 && (
        <UnstyledButton onClick={onFocus} mt={6} aria-pressed={focused} className="tabular">
          <Group gap={6} c={focused ? 'aisle.8' : 'dark.5'}>
            <IconLayoutGrid size={15} aria-hidden />
            <Text size="sm" fw={600} td={focused ? undefined : 'underline'}>
              {focused
                ? `${plural(r.suggestions.length, 'suggestion')} shown on the right`
                : `Show its ${plural(r.suggestions.length, 'suggestion')}`}
            </Text>
          </Group>
        </UnstyledButton>
      )}
    </Box>
  );
}

function Live({ r }: { r: LiveReply }) {
  const streaming = isStreaming(r);
  return (
    <Box className={classes.bubbleAssistant} data-testid="streaming-reply" data-status={r.status} aria-busy={streaming}>
      <Group gap={6} mb={4} wrap="nowrap">
        <EngineBadge engine="llm" model={r.model} provider={r.provider} />
        {streaming && (
          <Group gap={4} wrap="nowrap">
            <Loader size={12} type="dots" />
            <Text size="xs" c="dark.4">
              {r.status === 'waiting' ? 'asking the model…' : 'writing…'}
            </Text>
          </Group>
        )}
        {r.status === 'stopped' && (
          <Badge size="sm" color="orange" variant="light" tt="none">
            Stopped
          </Badge>
        )}
      </Group>
      <Text className={classes.replyText}>{r.text}</Text>
      {r.error && (
        <Text size="xs" c="orange.9" mt={4}>
          {r.error}
        </Text>
      )}
    </Box>
  );
}

export function ChatPanel({
  turns,
  live,
  pendingMessage,
  focusedMessageId,
  onFocus,
  onSend,
  sending,
  onStop,
  stopping,
  onRegenerate,
  regenerating,
  questions,
  customerLabel,
  customerFacing = false,
  inHand,
}: {
  turns: TurnView[];
  live: LiveReply[];
  pendingMessage: string | null;
  focusedMessageId: number | null;
  onFocus: (messageId: number) => void;
  onSend: (text: string) => void;
  sending: boolean;
  onStop: () => void;
  stopping: boolean;
  onRegenerate: () => void;
  regenerating: boolean;
  questions: string[];
  customerLabel: string;
  /** the screen faces the customer: the typed conversation is not rendered at all (not merely hidden) */
  customerFacing?: boolean;
  /** the product in the customer's hand, shown above the reply box so "this" is never ambiguous */
  inHand?: ReactNode;
}) {
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const streaming = live.some(isStreaming);
  const liveText = live.map((l) => l.text.length).join(',');
  const lastTurnReplies = turns.at(-1)?.replies.length;

  useEffect(() => {
    const v = viewport.current;
    if (v) v.scrollTo({ top: v.scrollHeight });
  }, [turns.length, liveText, pendingMessage, lastTurnReplies]);

  useHotkeys([['Escape', () => streaming && onStop()]], []);

  const send = () => {
    const t = text.trim();
    if (!t || sending) return;
    onSend(t);
    setText('');
  };

  const fill = (q: string) => {
    // the store's money as the copilot's own cards show it
    const currency =
      [...turns]
        .reverse()
        .flatMap((t) => t.replies.flatMap((r) => r.suggestions))
        .find((x) => x.currency)?.currency ?? null;
    const starter = replyStarter(q, currency);
    setText(starter || `${q} `);
    requestAnimationFrame(() => {
      const el = inputRef.current;
      if (!el) return;
      el.focus();
      const end = el.value.length;
      el.setSelectionRange(end, end);
    });
  };

  const lastTurn = turns.at(-1);
  const empty = turns.length === 0 && !pendingMessage;

  return (
    <Box className={classes.chat} component="section" aria-label="Conversation with the copilot">
      {customerFacing ? (
        <Stack gap="xs" p="lg" justify="center" className={classes.messages} data-testid="conversation-hidden">
          <Group gap={8} wrap="nowrap" c="dark.5">
            <IconEyeOff size={20} aria-hidden style={{ flex: 'none' }} />
            <Text fw={600}>The conversation is hidden while the screen faces the customer.</Text>
          </Group>
          <Text size="sm" c="dark.4">
            New requests still go to the copilot; turn off Customer view (Ctrl+Shift+F) to read the conversation.
          </Text>
        </Stack>
      ) : (
        <ScrollArea className={classes.messages} viewportRef={viewport} type="auto" offsetScrollbars>
          <Stack gap="sm" p="md" aria-live="polite" aria-relevant="additions text" data-testid="conversation">
            {empty && (
              <Box c="dark.4">
                <Text fw={600} c="dark.6" mb={4}>
                  What is {customerLabel === 'Walk-in' ? 'the customer' : customerLabel} looking for?
                </Text>
                <Text size="sm">
                  Type it as they say it — the activity, size, budget, colours to avoid. For example:
                </Text>
                <Text size="sm" fs="italic" mt={4}>
                  “waterproof jacket for hiking in Scotland, around £150, usually a medium, hates yellow”
                </Text>
              </Box>
            )}
            {turns.map((t) => (
              <Stack key={t.turn} gap={6}>
                {t.associate && (
                  <Box className={classes.bubbleAssociate} data-testid="associate-message">
                    {t.associate.content}
                  </Box>
                )}
                {t.replies.map((r) => (
                  <Reply
                    key={r.message.id}
                    r={r}
                    focused={r.message.id === focusedMessageId}
                    onFocus={() => onFocus(r.message.id)}
                  />
                ))}
                {live
                  .filter((l) => l.turn === t.turn)
                  .map((l) => (
                    <Live key={l.turnId} r={l} />
                  ))}
              </Stack>
            ))}
            {pendingMessage && (
              <Stack gap={6}>
                <Box className={classes.bubbleAssociate} data-testid="associate-message">
                  {pendingMessage}
                </Box>
                <Group gap={6} c="dark.4">
                  <Loader size={14} />
                  <Text size="sm">Finding products…</Text>
                </Group>
              </Stack>
            )}
          </Stack>
        </ScrollArea>
      )}

      <Box className={classes.composer}>
        {inHand}
        {questions.length > 0 && !streaming && (
          <Group gap={6} mb="xs" role="group" aria-label="Questions worth asking">
            {questions.map((q) => (
              <Button
                key={q}
                size="compact-md"
                radius="xl"
                variant="outline"
                fw={500}
                onClick={() => fill(q)}
                data-testid="question-chip"
                aria-label={`Answer: ${q}`}
              >
                {q}
              </Button>
            ))}
          </Group>
        )}
        <Textarea
          ref={inputRef}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          placeholder={turns.length ? 'Add what they said: size, budget, colour…' : 'What do they need?'}
          aria-label="Message to the copilot"
          autosize
          minRows={2}
          maxRows={5}
          maxLength={2000}
          size="md"
          autoFocus
          data-autofocus
        />
        <Group justify="space-between" mt="xs" wrap="nowrap">
          <Text size="xs" c="dark.4" truncate="end" style={{ minWidth: 0, flex: 1 }}>
            {streaming ? (
              <>
                <Kbd size="xs">Esc</Kbd> stops the reply
              </>
            ) : (
              <>
                <Kbd size="xs">Enter</Kbd> sends · <Kbd size="xs">Shift Enter</Kbd> new line
              </>
            )}
          </Text>
          <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
            {lastTurn && lastTurn.replies.length > 0 && !streaming && (
              <Tooltip label="Ask again for different products">
                <ActionIcon
                  size="lg"
                  variant="subtle"
                  color="gray"
                  onClick={onRegenerate}
                  loading={regenerating}
                  disabled={sending}
                  aria-label="Regenerate: ask again for different products"
                >
                  <IconRefresh size={18} />
                </ActionIcon>
              </Tooltip>
            )}
            {streaming ? (
              <Button
                size="sm"
                color="red"
                variant="filled"
                leftSection={<IconPlayerStopFilled size={16} />}
                onClick={onStop}
                loading={stopping}
                aria-label="Stop the reply (Esc)"
              >
                Stop
              </Button>
            ) : (
              <Button
                size="sm"
                leftSection={<IconSend2 size={16} />}
                onClick={send}
                loading={sending}
                disabled={!text.trim()}
                aria-label="Send to the copilot (Enter)"
              >
                Send
              </Button>
            )}
          </Group>
        </Group>
      </Box>
    </Box>
  );
}
