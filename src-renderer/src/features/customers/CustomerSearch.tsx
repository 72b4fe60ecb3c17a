/**
 * Find a customer: one box for name, email, phone or loyalty id, results as you type (recent
 * customers while the box is empty). Enter picks the first result, so the keyboard alone is enough.
 * Used by the Customers page and the Consult start screen.
 */
import { useRef, useState, type ReactNode } from 'react';
import { Avatar, Badge, Box, CloseButton, Group, Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { CustomerSummary } from '../../../../src-main/contract';
import { useCall } from '../../api';
import { useCustomerFacing } from '../../components/CustomerFacing';
import { ErrorNotice } from '../../components/ErrorNotice';
import { timeAgo } from '../../lib/time';
import { customerSubtitle, initials } from './customer-logic';
import classes from './Customers.module.css';

export function CustomerSearch({
  onPick,
  selectedId,
  autoFocus,
  initialQuery = '',
  onQueryChange,
}: {
  onPick: (c: CustomerSummary) => void;
  selectedId?: number | null;
  autoFocus?: boolean;
  initialQuery?: string;
  onQueryChange?: (q: string) => void;
}) {
  const [text, setText] = useState(initialQuery);
  const [debounced] = useDebouncedValue(text.trim(), 80);
  const [customerFacing] = useCustomerFacing();
  const inputRef = useRef<HTMLInputElement>(null);
  const searching = debounced.length > 0;
  const search = useCall(
    'customers.search',
    { query: debounced, limit: 10 },
    { enabled: searching, keepPrevious: true },
  );
  const recent = useCall('customers.recent', { limit: 8 }, { enabled: !searching });
  const q = searching ? search : recent;
  const results = q.data?.results ?? [];

  const change = (v: string) => {
    setText(v);
    onQueryChange?.(v);
  };

  let heading: ReactNode;
  if (!searching) heading = 'Recent customers';
  else if (q.data && !q.isPlaceholderData)
    heading = results.length
      ? `${results.length === 10 ? 'Top 10' : results.length} ${results.length === 1 ? 'match' : 'matches'} for “${debounced}”`
      : `No customer matches “${debounced}”`;
  else heading = 'Searching…';

  return (
    <Stack gap="sm">
      <TextInput
        ref={inputRef}
        value={text}
        onChange={(e) => change(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results[0] && searching && !q.isPlaceholderData) onPick(results[0]);
          if (e.key === 'Escape' && text) {
            e.stopPropagation();
            change('');
          }
        }}
        placeholder="Name, email, phone or loyalty number"
        aria-label="Find a customer by name, email, phone or loyalty number"
        size="lg"
        leftSection={<IconSearch size={20} />}
        rightSection={
          q.isFetching && searching ? (
            <Loader size="sm" aria-label="Searching" />
          ) : text ? (
            <CloseButton
              aria-label="Clear search"
              onClick={() => {
                change('');
                inputRef.current?.focus();
              }}
            />
          ) : null
        }
        autoFocus={autoFocus}
        data-autofocus={autoFocus || undefined}
      />
      <Text size="sm" fw={600} c="dark.5" aria-live="polite" data-testid="customer-results-heading">
        {heading}
      </Text>
      {q.error && <ErrorNotice error={q.error} onRetry={() => q.refetch()} what="finding customers" />}
      <Stack
        gap={6}
        component="ul"
        className={classes.resultList}
        aria-label={searching ? 'Matching customers' : 'Recent customers'}
      >
        {results.map((c) => {
          const selected = c.customerId === selectedId;
          const sub = customerSubtitle(c, { hideContacts: customerFacing });
          return (
            <Box component="li" key={c.customerId}>
              <UnstyledButton
                className={classes.resultRow}
                data-selected={selected || undefined}
                aria-current={selected || undefined}
                onClick={() => onPick(c)}
                data-testid="customer-result"
              >
                <Group gap="sm" wrap="nowrap">
                  <Avatar radius="xl" color="aisle" size={40} aria-hidden>
                    {initials(c.name)}
                  </Avatar>
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <Text fw={600} fz="md" lineClamp={2}>
                      {c.name}
                    </Text>
                    {sub && (
                      <Text size="sm" c="dark.4" truncate="end">
                        {sub}
                      </Text>
                    )}
                  </Box>
                  <Stack gap={2} align="flex-end" style={{ flex: 'none' }}>
                    <Badge variant="light" color="gray" tt="none" fw={500} className="tabular">
                      {c.orderCount} {c.orderCount === 1 ? 'order' : 'orders'}
                    </Badge>
                    {c.lastOrderAt && (
                      <Text size="xs" c="dark.3">
                        last {timeAgo(c.lastOrderAt)}
                      </Text>
                    )}
                  </Stack>
                </Group>
              </UnstyledButton>
            </Box>
          );
        })}
      </Stack>
    </Stack>
  );
}
