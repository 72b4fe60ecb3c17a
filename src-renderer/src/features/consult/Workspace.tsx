/**
 * An open consultation: the conversation on the left, the cards of the reply in focus on the right,
 * the shortlist with its total above them, and the customer at a glance. Everything on screen is the
 * saved consultation (consultation.get) plus a live overlay of LLM replies while they stream; when a
 * streamed reply is done, the saved copy replaces the overlay. A sent turn's stored messages and cards
 * come back with `copilot.send` and go into the cached consultation without re-reading it.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Badge,
  Box,
  Button,
  CloseButton,
  Drawer,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import {
  IconArrowLeft,
  IconBarcode,
  IconBookmark,
  IconCheckbox,
  IconLayoutGrid,
  IconShieldOff,
  IconUser,
} from '@tabler/icons-react';
import {
  invalidatedByStream,
  type ConsultationDetail,
  type InHandProduct,
  type StoredSuggestion,
} from '../../../../src-main/contract';
import { formatMoney } from '../../lib/format';
import { callKey, useAppEvent, useCall, useMutate } from '../../api';
import { buildHash, navigate } from '../../app/router';
import { CustomerFacingToggle, useCustomerFacing } from '../../components/CustomerFacing';
import { ErrorNotice } from '../../components/ErrorNotice';
import { asOfLabel } from '../../lib/time';
import { ProductDetailLoader } from '../catalog/ProductDetail';
import { ProfilePanel } from '../customers/ProfilePanel';
import { useInHandScan, useScan } from '../scan/ScanProvider';
import { looksLikeGtin } from '../scan/wedge';
import { scopeLabel } from '../customers/customer-logic';
import { ChatPanel } from './ChatPanel';
import {
  applyStreamEvent,
  boardCards,
  expectReply,
  focusedReply,
  groupTurns,
  isStreaming,
  shortlistOf,
  withTurn,
  type LiveReplies,
} from './consult-logic';
import { EndConsultationModal } from './EndConsultationModal';
import { RecordView } from './RecordView';
import { SuggestionCard, type CardAction } from './SuggestionCard';
import classes from './Consult.module.css';
import { useHeadOffice } from '../../app/use-head-office';

function CustomerStrip({ customerId, onOpen }: { customerId: number; onOpen: () => void }) {
  const q = useCall('customers.profile', { customerId });
  if (!q.data) return <Skeleton h={52} radius="lg" />;
  const p = q.data;
  const sizes = p.preferences.filter((x) => x.kind === 'size').slice(0, 4);
  return (
    <Paper withBorder radius="lg" px="md" py={8} className={classes.strip} data-testid="customer-strip">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group gap="md" wrap="nowrap" miw={0}>
          <Text fw={700} fz="lg" truncate="end">
            {p.customer.name}
          </Text>
          {p.personalization.allowed ? (
            <Group gap={6} wrap="nowrap" role="group" aria-label="Known sizes">
              {sizes.map((s) => (
                <Tooltip key={`${s.scope}`} label={`${s.evidence}${s.origin === 'confirmed' ? ' · confirmed' : ''}`}>
                  <Badge
                    size="lg"
                    variant={s.origin === 'confirmed' ? 'filled' : 'light'}
                    color="aisle"
                    tt="none"
                    fw={600}
                  >
                    {scopeLabel(s.scope)}: {s.value}
                  </Badge>
                </Tooltip>
              ))}
              {sizes.length === 0 && (
                <Text size="sm" c="dark.4">
                  No sizes known yet
                </Text>
              )}
            </Group>
          ) : (
            <Badge
              size="lg"
              color="yellow"
              variant="light"
              tt="none"
              leftSection={<IconShieldOff size={14} />}
              data-testid="no-personalisation"
            >
              No personalisation: {p.personalization.message}
            </Badge>
          )}
        </Group>
        <Button variant="light" size="sm" leftSection={<IconUser size={16} />} onClick={onOpen}>
          Profile
        </Button>
      </Group>
    </Paper>
  );
}

function Shortlist({
  items,
  total,
  currency,
  onRemove,
  onEnd,
}: {
  items: StoredSuggestion[];
  total: number;
  currency: string;
  onRemove: (s: StoredSuggestion) => void;
  onEnd: () => void;
}) {
  return (
    <Paper
      withBorder
      radius="lg"
      px="md"
      py="xs"
      className={classes.shortlist}
      component="section"
      aria-label="Shortlist"
      data-testid="shortlist"
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="wrap" miw={0} style={{ flex: 1 }}>
          <Group gap={6} wrap="nowrap">
            <IconBookmark size={18} aria-hidden />
            <Text fw={700}>Shortlist</Text>
          </Group>
          {items.length === 0 ? (
            <Text size="sm" c="dark.4">
              Empty — use “Shortlist” on a card
            </Text>
          ) : (
            items.map((s) => (
              <Badge
                key={s.sku}
                size="lg"
                variant="light"
                color="aisle"
                tt="none"
                fw={500}
                data-testid="shortlist-item"
                rightSection={
                  <CloseButton
                    size="xs"
                    onClick={() => onRemove(s)}
                    aria-label={`Remove ${s.title} from the shortlist`}
                  />
                }
                maw={260}
              >
                {s.title}
                {s.size ? ` · ${s.size}` : ''}
              </Badge>
            ))
          )}
        </Group>
        <Group gap="sm" wrap="nowrap" style={{ flex: 'none' }}>
          {items.length > 0 && (
            <Text fw={700} fz="lg" className="tabular" data-testid="shortlist-total">
              <VisuallyHidden>Shortlist total: </VisuallyHidden>
              {items.length} · {formatMoney(total, currency)}
            </Text>
          )}
          <Button leftSection={<IconCheckbox size={16} />} onClick={onEnd}>
            End consultation
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

/** The product in the customer's hand, above the reply box: what "this" and "it" mean to the copilot. */
function InHandChip({ p, onPutDown }: { p: InHandProduct; onPutDown?: () => void }) {
  return (
    <Group gap={8} wrap="nowrap" mb="xs" className={classes.inHand} data-testid="in-hand" role="status">
      <IconBarcode size={18} aria-hidden style={{ flex: 'none' }} />
      <Text size="sm" truncate="end" style={{ flex: 1, minWidth: 0 }}>
        In hand: <b>{p.title}</b>
        {p.size ? ` · ${p.size}` : ''}
        {p.color ? ` · ${p.color}` : ''} — “this” means it
      </Text>
      {onPutDown && <CloseButton size="sm" onClick={onPutDown} aria-label={`Put down ${p.title}`} />}
    </Group>
  );
}

const CARD_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** How many cards a row of the grid holds right now (it reflows with the window). */
function columnsOf(grid: HTMLElement | null): number {
  if (!grid) return 1;
  return Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length);
}

function OpenWorkspace({ detail }: { detail: ConsultationDetail }) {
  const c = detail.consultation;
  const id = c.id;
  const queryClient = useQueryClient();
  const [customerFacing] = useCustomerFacing();
  const [live, setLive] = useState<LiveReplies>({});
  const finished = useRef(new Set<string>());
  const [pendingMessage, setPendingMessage] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<number | null>(null);
  const [shown, setShown] = useState<Set<number>>(new Set());
  const [productId, setProductId] = useState<number | null>(null);
  const [profileOpen, setProfileOpen] = useState(false);
  const [ending, setEnding] = useState(false);

  const send = useMutate('copilot.send');
  const stop = useMutate('copilot.stop');
  const regenerate = useMutate('copilot.regenerate');
  const action = useMutate('consultation.suggestionAction');
  const related = useMutate('copilot.related');
  const setInHand = useMutate('copilot.setInHand');
  const scan = useScan();
  const [activeCard, setActiveCard] = useState(0);
  const gridRef = useRef<HTMLDivElement>(null);

  // a scan (or a typed GTIN) while this consultation is open puts that product in the customer's hand
  const putInHand = (sku: string | null) =>
    setInHand.mutate(
      { consultationId: id, sku },
      {
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Could not use the scanned product', message: e.message }),
      },
    );
  useInHandScan((m) => putInHand(m.sku));

  useAppEvent('copilot.stream', (e) => {
    if (e.consultationId !== id) return;
    setLive((l) => applyStreamEvent(l, e));
    if (e.kind === 'done') {
      finished.current.add(e.turnId);
      // the saved reply replaces the live one once this consultation has been read back (only if the turn's end
      // changed what is stored: the contract says which queries)
      const stale = invalidatedByStream(e).map((q) =>
        queryClient.invalidateQueries({ queryKey: [q, { consultationId: id }] }),
      );
      void Promise.all(stale).then(() =>
        setLive((l) => {
          if (!l[e.turnId]) return l;
          const { [e.turnId]: _gone, ...rest } = l;
          return rest;
        }),
      );
    }
  });

  const expect = (turnId: string, llmPending: boolean) => {
    if (llmPending && !finished.current.has(turnId)) setLive((l) => expectReply(l, turnId));
  };

  const turns = useMemo(() => groupTurns(detail), [detail]);
  const liveList = Object.values(live).sort((a, b) => a.turn - b.turn);
  const streamingReply = liveList.find(isStreaming) ?? null;
  const focus = focusedReply(turns, focusId);
  const focusTurn = focus ? turns.find((t) => t.replies.includes(focus)) : undefined;
  const lastLocal = turns
    .at(-1)
    ?.replies.filter((r) => r.message.engine !== 'llm')
    .at(-1);
  const questions = lastLocal?.message.questions ?? [];
  const shortlist = shortlistOf(detail.suggestions);
  const storeName = useCall('app.status', {}).data?.store.name ?? 'this store';
  const headOffice = useHeadOffice();

  const onAction = (s: StoredSuggestion, a: CardAction, reason?: string) => {
    if (a === 'shown') {
      if (shown.has(s.suggestionId)) return;
      setShown((set) => new Set(set).add(s.suggestionId));
    }
    action.mutate(
      { consultationId: id, suggestionId: s.suggestionId, action: a, reason },
      { onError: (e) => notifications.show({ color: 'red', title: 'That was not recorded', message: e.message }) },
    );
  };

  const onRelated = (s: StoredSuggestion, mode: 'more-like-this' | 'goes-with') =>
    related.mutate(
      { consultationId: id, suggestionId: s.suggestionId, mode },
      {
        onSuccess: () => setFocusId(null),
        onError: (e) =>
          notifications.show({
            color: 'red',
            title: mode === 'goes-with' ? 'Could not find what goes with it' : 'Could not find similar products',
            message: e.message,
          }),
      },
    );

  const cardsOnBoard = boardCards(turns, focus);

  /** Arrows move between cards (roving focus); L like, S shortlist, R not for them on the focused card. */
  const onCardKey = (e: KeyboardEvent<HTMLElement>, i: number, s: StoredSuggestion, count: number) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (CARD_KEYS.has(e.key)) {
      // arrows inside a button or menu of the card belong to it
      if (e.target !== e.currentTarget) return;
      const cols = columnsOf(gridRef.current);
      const step: Record<string, number> = {
        ArrowLeft: -1,
        ArrowRight: 1,
        ArrowUp: -cols,
        ArrowDown: cols,
        Home: -i,
        End: count - 1 - i,
      };
      const next = Math.max(0, Math.min(count - 1, i + (step[e.key] ?? 0)));
      e.preventDefault();
      setActiveCard(next);
      gridRef.current?.querySelectorAll<HTMLElement>('[data-testid="suggestion-card"]')[next]?.focus();
      return;
    }
    const key = e.key.toLowerCase();
    if (key === 'l') onAction(s, s.liked ? 'unliked' : 'liked');
    else if (key === 's') onAction(s, s.shortlisted ? 'unshortlisted' : 'shortlisted');
    else if (key === 'r') onAction(s, s.rejected ? 'unrejected' : 'rejected');
    else return;
    e.preventDefault();
  };
  return (
    <div className={classes.page}>
      <Group justify="space-between" wrap="nowrap" gap="md" className={classes.pageHeader}>
        <Box miw={0}>
          <Title order={1} fz={24} lineClamp={1}>
            {c.customerId === null ? 'Walk-in consultation' : `Consultation with ${c.customerLabel}`}
          </Title>
          <Text size="sm" c="dark.4">
            Started {asOfLabel(c.startedAt)} · prices and stock from {storeName}'s data
          </Text>
        </Box>
        <Group gap="md" wrap="nowrap" style={{ flex: 'none' }}>
          <CustomerFacingToggle />
          <Tooltip label="All consultations (this one stays open)">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => navigate(buildHash('/consult'))}
            >
              All
            </Button>
          </Tooltip>
        </Group>
      </Group>
      {c.customerId !== null && <CustomerStrip customerId={c.customerId} onOpen={() => setProfileOpen(true)} />}
      <div className={classes.workspace} data-customer-facing={customerFacing || undefined}>
        <ChatPanel
          turns={turns}
          live={liveList}
          pendingMessage={pendingMessage}
          focusedMessageId={focus?.message.id ?? null}
          onFocus={setFocusId}
          customerLabel={c.customerLabel}
          questions={questions}
          sending={send.isPending}
          customerFacing={customerFacing}
          inHand={
            detail.inHand ? (
              <InHandChip p={detail.inHand} onPutDown={customerFacing ? undefined : () => putInHand(null)} />
            ) : null
          }
          onSend={(message) => {
            if (looksLikeGtin(message)) {
              void scan.openCode(message.trim());
              return;
            }
            setPendingMessage(message);
            send.mutate(
              { consultationId: id, message },
              {
                onSuccess: (t) => {
                  // the answer carries what the turn stored: into the cache, no re-read of the consultation
                  queryClient.setQueryData<ConsultationDetail>(
                    callKey('consultation.get', { consultationId: id }),
                    (d) => (d ? withTurn(d, t) : d),
                  );
                  expect(t.turnId, t.llmPending);
                  setFocusId(null);
                },
                onError: (e) =>
                  notifications.show({ color: 'red', title: 'The copilot could not answer', message: e.message }),
                onSettled: () => setPendingMessage(null),
              },
            );
          }}
          onStop={() => streamingReply && stop.mutate({ consultationId: id, turnId: streamingReply.turnId })}
          stopping={stop.isPending}
          onRegenerate={() =>
            regenerate.mutate(
              { consultationId: id },
              {
                onSuccess: (t) => {
                  expect(t.turnId, t.llmPending);
                  setFocusId(null);
                },
                onError: (e) => notifications.show({ color: 'red', title: 'Could not regenerate', message: e.message }),
              },
            )
          }
          regenerating={regenerate.isPending}
        />
        <div className={classes.boardColumn}>
          <Shortlist
            items={shortlist.items}
            total={shortlist.total}
            currency={shortlist.currency}
            onRemove={(s) => onAction(s, 'unshortlisted')}
            onEnd={() => setEnding(true)}
          />
          <Box
            component="section"
            aria-labelledby="board-title"
            data-testid="suggestion-board"
            className={classes.boardScroll}
          >
            <Group justify="space-between" mb="sm" wrap="nowrap">
              <Title order={2} fz="lg" id="board-title" lineClamp={1}>
                {focus && focusTurn?.associate && !customerFacing
                  ? `For “${focusTurn.associate.content}”`
                  : 'Suggestions'}
              </Title>
              {focus && (
                <Text size="xs" c="dark.4" id="board-keys" className={classes.keysHint}>
                  Arrows move between cards · L like · S shortlist · R not for them
                </Text>
              )}
              {focus && focusId !== null && focusedReply(turns, null)?.message.id !== focus.message.id && (
                <Button size="xs" variant="subtle" onClick={() => setFocusId(null)}>
                  Back to the latest
                </Button>
              )}
            </Group>
            {focus && !customerFacing && focus.message.engine === 'local' && focus !== focusTurn?.replies[0] && (
              <Text size="sm" c="dark.5" mb="sm">
                {focus.message.content}
              </Text>
            )}
            {focus ? (
              <div
                className={classes.grid}
                data-big={customerFacing || undefined}
                ref={gridRef}
                role="group"
                aria-label="Suggested products"
                aria-describedby="board-keys"
              >
                {cardsOnBoard.map((s, i) => (
                  <SuggestionCard
                    key={s.suggestionId}
                    s={s}
                    tabIndex={i === Math.min(activeCard, cardsOnBoard.length - 1) ? 0 : -1}
                    onFocus={() => setActiveCard(i)}
                    onKeyDown={(e) => onCardKey(e, i, s, cardsOnBoard.length)}
                    big={customerFacing}
                    shownMarked={shown.has(s.suggestionId)}
                    onAction={onAction}
                    onRelated={onRelated}
                    onDetails={(x) => setProductId(x.productId)}
                    busy={action.isPending && action.variables?.suggestionId === s.suggestionId}
                  />
                ))}
              </div>
            ) : (
              <Paper withBorder radius="lg" p="xl">
                <EmptyState
                  icon={<IconLayoutGrid size={34} stroke={1.5} />}
                  variant="light"
                  title="Products appear here"
                  description="Describe what the customer needs in the box on the left. The copilot answers with products in stock here, each with the reasons it fits."
                />
              </Paper>
            )}
          </Box>
        </div>
      </div>

      <Drawer
        opened={productId !== null}
        onClose={() => setProductId(null)}
        position="right"
        size="xl"
        title={<Text fw={700}>Product details</Text>}
        closeButtonProps={{ 'aria-label': 'Close product details' }}
      >
        {productId !== null && <ProductDetailLoader productId={productId} />}
      </Drawer>
      {c.customerId !== null && (
        <Drawer
          opened={profileOpen}
          onClose={() => setProfileOpen(false)}
          position="right"
          size="xl"
          title={<Text fw={700}>Customer profile</Text>}
          closeButtonProps={{ 'aria-label': 'Close the profile' }}
        >
          <ProfilePanel customerId={c.customerId} />
        </Drawer>
      )}
      <EndConsultationModal
        opened={ending}
        onClose={() => setEnding(false)}
        consultationId={id}
        shortlist={shortlist.items}
        onSaved={(s) => {
          setEnding(false);
          notifications.show({
            color: 'teal',
            title: 'Consultation saved',
            message: `${s.basketValue !== null ? `Basket ${formatMoney(s.basketValue, s.currency ?? 'GBP')}. ` : ''}${headOffice ? 'Logged here and queued for head office.' : 'Logged on this laptop.'}`,
          });
        }}
      />
    </div>
  );
}

export function Workspace({ consultationId }: { consultationId: string }) {
  const q = useCall('consultation.get', { consultationId });
  if (q.error)
    return (
      <Stack>
        <ErrorNotice error={q.error} onRetry={() => q.refetch()} what="opening the consultation" />
        <Button
          variant="default"
          w="fit-content"
          leftSection={<IconArrowLeft size={16} />}
          onClick={() => navigate(buildHash('/consult'))}
        >
          Consultations
        </Button>
      </Stack>
    );
  if (!q.data)
    return (
      <Stack aria-busy="true" aria-label="Loading the consultation">
        <Skeleton h={40} w="40%" />
        <Skeleton h={480} radius="lg" />
      </Stack>
    );
  if (q.data.consultation.endedAt) return <RecordView detail={q.data} />;
  return <OpenWorkspace key={consultationId} detail={q.data} />;
}
