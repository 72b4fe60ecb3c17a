/**
 * The header's honest status: data freshness, which engine answers, and whether we are online and
 * main is reachable. Each badge has a tooltip with the detail and an accessible name saying it all.
 */
import { useEffect, useState } from 'react';
import { Badge, Group, Tooltip } from '@mantine/core';
import { useNetwork } from '@mantine/hooks';
import { IconCloudOff, IconCpu, IconDatabase, IconPlugConnectedX, IconSparkles, IconWifi } from '@tabler/icons-react';
import type { AppStatus } from '../../../src-main/contract';
import { useBridgeState } from '../api';
import { ageHours, fullTime, timeAgo } from '../lib/time';

/** Re-render every minute so "2 h ago" stays true while the screen sits open. */
function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

const badgeProps = { size: 'lg', variant: 'light', radius: 'sm', tt: 'none', fw: 500 } as const;

interface FreshnessProps {
  catalogSyncedAt: string | null;
  stockSyncedAt: string | null;
}

/** "Catalog 15 h ago · Stock 15 h ago": each the oldest of its sources, coloured by the older of the two. */
export function FreshnessBadge({ catalogSyncedAt, stockSyncedAt }: FreshnessProps) {
  const now = useNow();
  const hours = Math.max(ageHours(catalogSyncedAt, now), ageHours(stockSyncedAt, now));
  const color = hours < 24 ? 'teal' : hours < 72 ? 'yellow' : 'red';
  const text = `Catalog ${timeAgo(catalogSyncedAt, now)} · Stock ${timeAgo(stockSyncedAt, now)}`;
  const catalogDetail = catalogSyncedAt
    ? `Catalog: oldest source last updated ${fullTime(catalogSyncedAt)}.`
    : 'No catalog has been loaded yet.';
  const stockDetail = stockSyncedAt
    ? `Stock here: oldest source last updated ${fullTime(stockSyncedAt)}.`
    : 'No stock figures for this store yet.';
  const stale = hours >= 24 && hours !== Infinity ? ' Stock may have changed since.' : '';
  const detail = `${catalogDetail} ${stockDetail}${stale}`;
  return (
    <Tooltip label={detail} multiline w={300}>
      <Badge
        {...badgeProps}
        color={color}
        c="gray.9"
        leftSection={<IconDatabase size={16} />}
        aria-label={`${text}. ${detail}`}
        data-testid="freshness"
      >
        {text}
      </Badge>
    </Tooltip>
  );
}

export function EngineBadge({ engine }: { engine: AppStatus['engine'] }) {
  const llm = engine.active === 'llm';
  const text = llm ? `Copilot: ${engine.provider ?? 'LLM'}` : 'Copilot: local engine';
  const detail = llm
    ? `Answers come from ${engine.provider}${engine.model ? ` (${engine.model})` : ''}, with the local engine as fallback.`
    : 'Answers come from the built-in local engine. It works offline; no language model is configured.';
  return (
    <Tooltip label={detail} multiline w={280}>
      <Badge
        {...badgeProps}
        color={llm ? 'violet' : 'gray'}
        c="gray.9"
        leftSection={llm ? <IconSparkles size={16} /> : <IconCpu size={16} />}
        aria-label={`${text}. ${detail}`}
      >
        {text}
      </Badge>
    </Tooltip>
  );
}

export function ConnectionBadge() {
  const { online } = useNetwork();
  const bridge = useBridgeState();
  let color = 'teal';
  let text = 'Online';
  let detail = 'Connected. Syncs and the language model can be reached.';
  let icon = <IconWifi size={16} />;
  if (bridge === 'unreachable') {
    color = 'red';
    text = 'Aisle not reachable';
    detail =
      'This screen cannot reach the Aisle service on this laptop. Results may be out of date until it reconnects.';
    icon = <IconPlugConnectedX size={16} />;
  } else if (!online) {
    color = 'orange';
    text = 'Offline';
    detail = "No network. Search, stock and the local copilot keep working from this laptop's data; syncs wait.";
    icon = <IconCloudOff size={16} />;
  }
  return (
    <Tooltip label={detail} multiline w={280}>
      <Badge
        {...badgeProps}
        color={color}
        c="gray.9"
        leftSection={icon}
        aria-label={`${text}. ${detail}`}
        data-testid="connection"
      >
        {text}
      </Badge>
    </Tooltip>
  );
}

export function StatusBadges({ status }: { status: AppStatus | undefined }) {
  return (
    <Group gap="xs" wrap="nowrap" aria-label="Status">
      {status && <FreshnessBadge catalogSyncedAt={status.catalogSyncedAt} stockSyncedAt={status.stockSyncedAt} />}
      {status && <EngineBadge engine={status.engine} />}
      <ConnectionBadge />
    </Group>
  );
}
