/**
 * One suggested product, as the associate and the customer see it: picture, title, the price the
 * till will charge (sale price with the regular one struck through), size and colour, stock here with
 * the time it was counted, and the first reason it was suggested. Compact, so four fit on a
 * 1366×768 store laptop; the other reasons and the other stores' stock are one click away ("More").
 * Actions record what happened with the customer: shown, liked, not for them (with why), shortlisted;
 * "more like this" and "goes with" ask for related products. Keyboard (Workspace): L, S, R.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Image,
  List,
  Menu,
  Paper,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconArrowsShuffle,
  IconBookmark,
  IconBookmarkFilled,
  IconChevronDown,
  IconEye,
  IconEyeCheck,
  IconHeart,
  IconHeartFilled,
  IconPuzzle,
  IconThumbDown,
  IconArrowBackUp,
} from '@tabler/icons-react';
import type { StoredSuggestion } from '../../../../src-main/contract';
import { useCall } from '../../api';
import { Price } from '../../components/Price';
import { Swatch } from '../../components/Swatch';
import { shortStoreNames } from '../../lib/stores';
import { asOfLabel, fullTime } from '../../lib/time';
import { REJECT_REASONS } from './consult-logic';
import classes from './Consult.module.css';

export type CardAction = 'shown' | 'liked' | 'unliked' | 'rejected' | 'unrejected' | 'shortlisted' | 'unshortlisted';

function OtherStores({ productId, sku }: { productId: number; sku: string }) {
  const q = useCall('catalog.product', { productId }, { staleTime: 60_000 });
  const v = q.data?.variants.find((x) => x.sku === sku);
  if (!v)
    return (
      <Text size="xs" c="dark.3">
        {q.isLoading ? 'Checking other stores…' : ' '}
      </Text>
    );
  const others = v.stock.filter((s) => !s.here);
  if (!others.length)
    return (
      <Text size="xs" c="dark.3">
        Not stocked in other stores
      </Text>
    );
  const short = shortStoreNames(v.stock.map((s) => s.storeName));
  const nameOf = (storeName: string) => short[v.stock.findIndex((s) => s.storeName === storeName)] ?? storeName;
  const oldest = others.map((s) => s.asOf).sort()[0]!;
  const text = others.map((s) => `${nameOf(s.storeName)} ${Math.max(0, s.quantity)}`).join(' · ');
  return (
    <Tooltip
      label={others.map((s) => `${s.storeName}: ${Math.max(0, s.quantity)} as of ${fullTime(s.asOf)}`).join('\n')}
      multiline
      w={300}
      style={{ whiteSpace: 'pre-line' }}
    >
      <Text size="xs" c="dark.4" data-testid="stock-other-stores">
        Other stores: <span className="tabular">{text}</span>{' '}
        <Text span c="dark.3">
          (as of {asOfLabel(oldest)})
        </Text>
      </Text>
    </Tooltip>
  );
}

export function SuggestionCard({
  s,
  big,
  readOnly,
  shownMarked,
  onAction,
  onRelated,
  onDetails,
  busy,
  tabIndex,
  onKeyDown,
  onFocus,
}: {
  s: StoredSuggestion;
  big?: boolean;
  readOnly?: boolean;
  shownMarked: boolean;
  onAction: (s: StoredSuggestion, action: CardAction, reason?: string) => void;
  onRelated: (s: StoredSuggestion, mode: 'more-like-this' | 'goes-with') => void;
  onDetails: (s: StoredSuggestion) => void;
  busy?: boolean;
  /** roving focus: 0 for the one card the Tab key lands on, -1 for the others */
  tabIndex?: number;
  onKeyDown?: (e: KeyboardEvent<HTMLElement>) => void;
  onFocus?: () => void;
}) {
  const [more, setMore] = useState(false);
  const moreId = useId();
  const onSale = s.regularPrice > s.price;
  const kindBadge =
    s.kind === 'complement'
      ? { label: 'Goes with', color: 'grape.8' }
      : s.kind === 'alternative'
        ? { label: 'Nearest match', color: 'orange.9' }
        : null;
  const titleId = `sugg-${s.suggestionId}-title`;
  const [firstReason, ...otherReasons] = s.reasons;
  return (
    <Paper
      withBorder
      radius="lg"
      className={classes.card}
      data-big={big || undefined}
      data-rejected={s.rejected || undefined}
      data-testid="suggestion-card"
      data-sku={s.sku}
      component="article"
      aria-labelledby={titleId}
      aria-keyshortcuts={readOnly ? undefined : 'L S R'}
      tabIndex={tabIndex}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <Box className={classes.cardImage}>
        <UnstyledButton
          onClick={() => onDetails(s)}
          aria-label={`Details of ${s.title}: all sizes, colours and stock`}
          className={classes.cardImageButton}
        >
          {s.imageUrl ? (
            <Image src={s.imageUrl} alt="" fit="contain" h="100%" w="100%" />
          ) : (
            <Text size="xs" c="dark.4">
              No picture
            </Text>
          )}
        </UnstyledButton>
        <Stack gap={4} className={classes.cardBadges}>
          {onSale && (
            <Badge size="xs" color="red.8" variant="filled">
              Sale
            </Badge>
          )}
          {kindBadge && (
            <Badge size="xs" color={kindBadge.color} variant="filled" tt="none">
              {kindBadge.label}
            </Badge>
          )}
          {s.engine === 'llm' && (
            <Badge size="xs" color="violet" variant="light" tt="none">
              From the LLM
            </Badge>
          )}
        </Stack>
      </Box>
      <Stack gap={4} className={classes.cardBody}>
        <Text
          fw={650}
          className={classes.cardTitle}
          id={titleId}
          lineClamp={2}
          data-testid="suggestion-title"
          title={s.brand ? `${s.brand} · ${s.title}` : s.title}
        >
          {s.title}
        </Text>
        <Group gap={8} wrap="nowrap" className={classes.cardFacts}>
          <Price
            price={s.price}
            regular={onSale ? s.regularPrice : null}
            currency={s.currency}
            size={big ? 'lg' : 'sm'}
          />
          {s.size && (
            <Badge variant="outline" color="dark" tt="none" size="md" fw={600} style={{ flex: 'none' }}>
              Size {s.size}
            </Badge>
          )}
          {s.color && (
            <Group gap={4} wrap="nowrap" miw={0}>
              <Swatch color={s.color} size={12} />
              <Text size="xs" truncate="end">
                {s.color}
              </Text>
            </Group>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          <Badge
            color={s.stockHere > 2 ? 'teal' : s.stockHere > 0 ? 'yellow' : 'gray'}
            variant="light"
            tt="none"
            size="md"
            className="tabular"
            data-testid="stock-here"
            style={{ flex: 'none' }}
          >
            {s.stockHere > 0 ? `${s.stockHere} here` : 'None here'}
          </Badge>
          {s.asOf && (
            <Text size="xs" c="dark.4" title={fullTime(s.asOf)} truncate="end">
              as of {asOfLabel(s.asOf)}
            </Text>
          )}
        </Group>
        {firstReason && (
          <List
            size="xs"
            spacing={0}
            data-testid="suggestion-reasons"
            className={classes.reasonList}
            listStyleType="none"
          >
            <List.Item className={classes.firstReason}>{firstReason}</List.Item>
          </List>
        )}
      </Stack>
      <Box className={classes.cardFooter}>
        {more && (
          <Stack gap={4} pb={6} data-testid="suggestion-more" id={moreId}>
            {otherReasons.length > 0 && (
              <List size="xs" spacing={2} className={classes.reasonList}>
                {otherReasons.map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            )}
            <OtherStores productId={s.productId} sku={s.sku} />
            {!readOnly && (
              <Group gap={4} wrap="nowrap">
                <Button
                  size="compact-xs"
                  fz="xs"
                  variant="subtle"
                  leftSection={<IconArrowsShuffle size={14} />}
                  onClick={() => onRelated(s, 'more-like-this')}
                  aria-label={`More like this: ${s.title}`}
                >
                  More like this
                </Button>
                <Button
                  size="compact-xs"
                  fz="xs"
                  variant="subtle"
                  leftSection={<IconPuzzle size={14} />}
                  onClick={() => onRelated(s, 'goes-with')}
                  aria-label={`Goes with: ${s.title}`}
                >
                  Goes with
                </Button>
              </Group>
            )}
          </Stack>
        )}
        {s.rejected && (
          <Group gap={6} wrap="nowrap" pb={4}>
            <Badge color="gray" variant="filled" tt="none">
              Not for them{s.rejectReason ? ` · ${s.rejectReason}` : ''}
            </Badge>
            {!readOnly && (
              <Button
                size="compact-sm"
                variant="subtle"
                color="gray"
                leftSection={<IconArrowBackUp size={14} />}
                onClick={() => onAction(s, 'unrejected')}
                aria-label={`Undo “not for them” on ${s.title}`}
              >
                Undo
              </Button>
            )}
          </Group>
        )}
        <Group gap={4} wrap="nowrap" justify="space-between" className={classes.cardActions} data-testid="card-actions">
          <Group gap={2} wrap="nowrap">
            {!readOnly && (
              <>
                <Tooltip label={shownMarked ? 'Marked as shown to the customer' : 'Mark as shown to the customer'}>
                  <ActionIcon
                    size="md"
                    variant={shownMarked ? 'light' : 'subtle'}
                    color={shownMarked ? 'aisle' : 'gray'}
                    onClick={() => onAction(s, 'shown')}
                    aria-label={`Shown to customer: ${s.title}`}
                    aria-pressed={shownMarked}
                  >
                    {shownMarked ? <IconEyeCheck size={20} /> : <IconEye size={20} />}
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={s.liked ? 'Liked — click to undo (L)' : 'They like it (L)'}>
                  <ActionIcon
                    size="md"
                    variant={s.liked ? 'light' : 'subtle'}
                    color={s.liked ? 'pink' : 'gray'}
                    onClick={() => onAction(s, s.liked ? 'unliked' : 'liked')}
                    aria-label={`Like ${s.title}`}
                    aria-pressed={s.liked}
                    aria-keyshortcuts="L"
                    disabled={busy}
                  >
                    {s.liked ? <IconHeartFilled size={20} /> : <IconHeart size={20} />}
                  </ActionIcon>
                </Tooltip>
                <Menu position="bottom-start" withinPortal>
                  <Menu.Target>
                    <Tooltip label="Not for them — say why (R)">
                      <ActionIcon
                        size="md"
                        variant={s.rejected ? 'light' : 'subtle'}
                        color="gray"
                        aria-label={`Not for them: ${s.title}`}
                        aria-pressed={s.rejected}
                        aria-keyshortcuts="R"
                        disabled={busy}
                      >
                        <IconThumbDown size={20} />
                      </ActionIcon>
                    </Tooltip>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Label>Not for them because of…</Menu.Label>
                    {REJECT_REASONS.map((r) => (
                      <Menu.Item key={r} onClick={() => onAction(s, 'rejected', r.toLowerCase())}>
                        {r}
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              </>
            )}
            <Button
              size="compact-xs"
              fz="xs"
              variant="subtle"
              color="dark"
              rightSection={<IconChevronDown size={14} className={classes.chevron} data-open={more || undefined} />}
              onClick={() => setMore((m) => !m)}
              aria-expanded={more}
              aria-controls={more ? moreId : undefined}
              aria-label={`${more ? 'Less' : otherReasons.length ? `+${otherReasons.length} more` : 'More'}: reasons and other stores for ${s.title}`}
              data-testid="card-more"
            >
              {more ? 'Less' : otherReasons.length ? `+${otherReasons.length} more` : 'More'}
            </Button>
          </Group>
          {!readOnly && (
            <Button
              size="xs"
              style={{ flex: 'none' }}
              variant={s.shortlisted ? 'filled' : 'light'}
              leftSection={s.shortlisted ? <IconBookmarkFilled size={16} /> : <IconBookmark size={16} />}
              onClick={() => onAction(s, s.shortlisted ? 'unshortlisted' : 'shortlisted')}
              aria-pressed={s.shortlisted}
              aria-label={`${s.shortlisted ? 'Shortlisted' : 'Shortlist'}: ${s.title}`}
              aria-keyshortcuts="S"
              disabled={busy}
            >
              {s.shortlisted ? 'Shortlisted' : 'Shortlist'}
            </Button>
          )}
        </Group>
      </Box>
    </Paper>
  );
}
