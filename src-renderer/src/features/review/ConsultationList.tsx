/** Filters, the consultation table and paging. A row opens the replay. */
import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Pagination,
  Pill,
  Select,
  SegmentedControl,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { OUTCOME_LABELS, outcomeLabel, type OutcomeName } from '../../../../src-main/contract';
import { formatMoney } from '../../lib/format';
import { useCall, useMutate } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fullTime } from '../../lib/time';
import { cleanFilter, downloadText, extraFilterLabels, type ReviewFilters } from './filters';

const PAGE = 25;
const OUTCOMES = (Object.keys(OUTCOME_LABELS) as OutcomeName[]).map((value) => ({
  value,
  label: OUTCOME_LABELS[value],
}));
const OUTCOME_COLOR: Record<OutcomeName, string> = {
  purchased: 'green',
  no_purchase: 'gray',
  abandoned: 'orange',
  open: 'blue',
};

export function ConsultationList({
  filters,
  setFilters,
  onOpen,
  isManager,
}: {
  filters: ReviewFilters;
  setFilters: (f: ReviewFilters) => void;
  onOpen: (id: string) => void;
  isManager: boolean;
}) {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState(filters.q ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);
  useEffect(() => {
    if ((filters.q ?? '') !== debouncedQ) setFilters({ ...filters, q: debouncedQ || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- typing pushes the words into the filters; a filter changed elsewhere must not be pushed back
  }, [debouncedQ]);
  // any change of the filters (compared by value: the parent builds a new object each render) starts at page 1
  const filterKey = JSON.stringify(filters);
  useEffect(() => setPage(1), [filterKey]);

  const people = useCall('auth.people', {});
  // at head office the list spans stores: a store column and filter
  const status = useCall('app.status', {});
  const isHq = status.data?.mode === 'hq';
  const stores = status.data?.stores ?? [];
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  const { sort, ...f } = cleanFilter(filters);
  const list = useCall(
    'review.list',
    { ...f, sort: sort ?? 'started_desc', limit: PAGE, offset: (page - 1) * PAGE },
    { keepPrevious: true },
  );
  const exporter = useMutate('review.export');
  const set = (patch: Partial<ReviewFilters>) => setFilters({ ...filters, ...patch });

  return (
    <>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="sm" role="search" aria-label="Filter consultations">
        <TextInput
          label="From"
          type="date"
          value={filters.from ?? ''}
          onChange={(e) => set({ from: e.currentTarget.value || undefined })}
          w={150}
        />
        <TextInput
          label="To"
          type="date"
          value={filters.to ?? ''}
          onChange={(e) => set({ to: e.currentTarget.value || undefined })}
          w={150}
        />
        {isHq && stores.length > 1 && (
          <MultiSelect
            label="Store"
            placeholder="All stores"
            w={200}
            data={stores.map((st) => ({ value: st.id, label: st.name }))}
            value={filters.storeIds ?? []}
            onChange={(v) => set({ storeIds: v.length ? v : undefined })}
            clearable
          />
        )}
        {isManager && (
          <Select
            label="Associate"
            placeholder="Everyone"
            clearable
            w={180}
            data={(people.data?.people ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={filters.associateIds?.[0] ?? null}
            onChange={(v) => set({ associateIds: v ? [v] : undefined })}
          />
        )}
        <div>
          <Text size="sm" fw={500} mb={2}>
            Customer
          </Text>
          <SegmentedControl
            aria-label="Customer"
            value={filters.customer ?? 'any'}
            onChange={(v) => set({ customer: v })}
            data={[
              { value: 'any', label: 'All' },
              { value: 'known', label: 'Known' },
              { value: 'walk_in', label: 'Walk-in' },
            ]}
          />
        </div>
        <MultiSelect
          label="Outcome"
          placeholder="Any"
          w={200}
          data={OUTCOMES}
          value={filters.outcome ?? []}
          onChange={(v) => set({ outcome: v })}
          clearable
        />
        <MultiSelect
          label="Engine"
          placeholder="Any"
          w={150}
          data={[
            { value: 'local', label: 'Local' },
            { value: 'llm', label: 'LLM' },
          ]}
          value={filters.engine ?? []}
          onChange={(v) => set({ engine: v })}
        />
        <MultiSelect
          label="Satisfaction"
          placeholder="Any"
          w={150}
          data={['1', '2', '3', '4', '5']}
          value={(filters.satisfaction ?? []).map(String)}
          onChange={(v) => set({ satisfaction: v.map(Number) })}
        />
        <TextInput
          label="Words in messages"
          leftSection={<IconSearch size={14} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={200}
        />
        <Select
          label="Sort"
          w={170}
          value={filters.sort ?? 'started_desc'}
          onChange={(v) => set({ sort: v ?? 'started_desc' })}
          data={[
            { value: 'started_desc', label: 'Newest first' },
            { value: 'started_asc', label: 'Oldest first' },
            { value: 'basket_desc', label: 'Largest basket' },
            { value: 'satisfaction_asc', label: 'Lowest rating' },
            { value: 'satisfaction_desc', label: 'Highest rating' },
            { value: 'duration_desc', label: 'Longest' },
          ]}
          allowDeselect={false}
        />
        {isManager && (
          <Button
            leftSection={<IconDownload size={16} />}
            variant="default"
            loading={exporter.isPending}
            onClick={() =>
              exporter.mutate(
                { ...f, format: 'csv' },
                { onSuccess: (r) => downloadText(r.filename, r.mimeType, r.content) },
              )
            }
          >
            Export CSV
          </Button>
        )}
      </Group>
      {extraFilterLabels(filters).length > 0 && (
        <Group gap="xs" mb="sm">
          <Text size="sm" c="dimmed">
            Only consultations with:
          </Text>
          {extraFilterLabels(filters).map(({ key, label }) => (
            <Pill
              key={key}
              withRemoveButton
              onRemove={() => set({ [key]: undefined })}
              removeButtonProps={{ 'aria-label': `Remove filter ${label}` }}
            >
              {label}
            </Pill>
          ))}
        </Group>
      )}
      {exporter.error && <ErrorNotice error={exporter.error} what="export" />}
      {list.error && <ErrorNotice error={list.error} onRetry={() => list.refetch()} />}
      <Text size="sm" c="dimmed" mb={4} data-testid="review-count">
        {list.data ? `${list.data.total} consultation${list.data.total === 1 ? '' : 's'}` : 'Loading…'}
      </Text>
      <Table striped highlightOnHover stickyHeader verticalSpacing={6} aria-label="Consultations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            {isHq && <Table.Th>Store</Table.Th>}
            <Table.Th>Associate</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th ta="right">Basket</Table.Th>
            <Table.Th ta="center">Rating</Table.Th>
            <Table.Th ta="right">Turns</Table.Th>
            <Table.Th ta="right">Accepted</Table.Th>
            <Table.Th>Engines</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.rows.map((r) => (
            <Table.Tr
              key={r.id}
              onClick={() => onOpen(r.id)}
              style={{ cursor: 'pointer' }}
              data-testid="consultation-row"
            >
              <Table.Td miw={150}>
                <button
                  type="button"
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(r.id);
                  }}
                  aria-label={`Open consultation of ${fullTime(r.startedAt)}`}
                  style={{
                    background: 'none',
                    border: 0,
                    padding: 0,
                    color: 'var(--mantine-color-blue-7)',
                    cursor: 'pointer',
                    font: 'inherit',
                  }}
                >
                  {fullTime(r.startedAt)}
                </button>
                {r.snippet && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {r.snippet}
                  </Text>
                )}
              </Table.Td>
              {isHq && <Table.Td>{r.storeId ? (storeName.get(r.storeId) ?? r.storeId) : '—'}</Table.Td>}
              <Table.Td>{r.associate.name}</Table.Td>
              <Table.Td>
                {r.customer ? (
                  r.customer.name
                ) : (
                  <Text span c="dimmed">
                    Walk-in
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <OutcomeBadge outcome={r.outcome} />
              </Table.Td>
              <Table.Td ta="right">
                {r.basketValue !== null && r.currency && r.outcome === 'purchased'
                  ? formatMoney(r.basketValue, r.currency)
                  : '—'}
              </Table.Td>
              <Table.Td ta="center">{r.satisfaction ?? '—'}</Table.Td>
              <Table.Td ta="right">{r.turns}</Table.Td>
              <Table.Td ta="right">
                {r.suggestionsAccepted}/{r.suggestionsShown}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {r.engines.map((e) => (
                    <Badge key={e} size="xs" variant="light" color={e === 'llm' ? 'grape' : 'teal'}>
                      {e}
                    </Badge>
                  ))}
                  {r.fallbacks > 0 && (
                    <Badge size="xs" color="orange" variant="light">
                      fallback
                    </Badge>
                  )}
                  {r.coachingNotes > 0 && (
                    <Badge size="xs" color="blue" variant="outline">
                      {r.coachingNotes} note{r.coachingNotes > 1 ? 's' : ''}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && list.data.total > PAGE && (
        <Group justify="center" mt="md">
          <Pagination
            total={Math.ceil(list.data.total / PAGE)}
            value={page}
            onChange={setPage}
            getControlProps={(c) => ({ 'aria-label': `${c} page` })}
          />
        </Group>
      )}
    </>
  );
}

export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  const color = OUTCOME_COLOR[(outcome ?? 'open') as OutcomeName] ?? 'gray';
  return (
    <Badge variant="light" color={color} size="sm" tt="none" style={{ overflow: 'visible' }} miw="max-content">
      {outcomeLabel(outcome)}
    </Badge>
  );
}
