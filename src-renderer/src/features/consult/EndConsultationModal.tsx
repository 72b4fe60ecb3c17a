/**
 * Ending a consultation: what happened (bought / no purchase / walked away), what was bought (from
 * the shortlist, or any SKU found by name or code) with the basket value worked out as it changes,
 * how satisfied the customer seemed (1–5), and notes. Main prices the basket again from the database
 * when it saves, logs the record and queues it for head office.
 */
import { useEffect, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { OUTCOME_LABELS, type StoredSuggestion } from '../../../../src-main/contract';
import { formatMoney } from '../../lib/format';
import { useCall, useMutate } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { addToBasket, basketTotals, type BasketLine } from './consult-logic';
import classes from './Consult.module.css';

type Outcome = 'purchased' | 'no_purchase' | 'abandoned';

const SATISFACTION = [
  { value: 1, label: 'Unhappy' },
  { value: 2, label: 'Not great' },
  { value: 3, label: 'OK' },
  { value: 4, label: 'Happy' },
  { value: 5, label: 'Delighted' },
];

function SkuPicker({ onAdd }: { onAdd: (line: Omit<BasketLine, 'quantity'>) => void }) {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 120);
  const search = useCall(
    'catalog.searchVariants',
    { query: q, inStockHere: false, limit: 6 },
    { enabled: q.length >= 2, keepPrevious: true },
  );
  const results = q.length >= 2 ? (search.data?.results ?? []) : [];
  return (
    <Stack gap={6}>
      <TextInput
        label="Add something else they bought"
        placeholder="Name or SKU"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        leftSection={<IconSearch size={16} />}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.preventDefault();
        }}
      />
      {results.length > 0 && (
        <Stack
          gap={4}
          component="ul"
          className={classes.plainList}
          aria-label="Matching SKUs"
          data-testid="sku-results"
        >
          {results.map((v) => (
            <Box component="li" key={v.sku}>
              <UnstyledButton
                className={classes.recentRow}
                onClick={() => {
                  onAdd({ sku: v.sku, title: v.title, unitPrice: v.salePrice ?? v.price, currency: v.currency });
                  setText('');
                }}
                data-testid="sku-result"
              >
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Box miw={0}>
                    <Text size="sm" fw={600} truncate="end">
                      <VisuallyHidden>Add </VisuallyHidden>
                      {v.title}
                    </Text>
                    <Text size="xs" c="dark.4">
                      {[v.sku, v.size && `Size ${v.size}`, v.color, `${v.stockHere} here`].filter(Boolean).join(' · ')}
                    </Text>
                  </Box>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600} className="tabular">
                      {formatMoney(v.salePrice ?? v.price, v.currency)}
                    </Text>
                    <IconPlus size={16} aria-hidden />
                  </Group>
                </Group>
              </UnstyledButton>
            </Box>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function EndConsultationModal({
  opened,
  onClose,
  consultationId,
  shortlist,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  consultationId: string;
  shortlist: StoredSuggestion[];
  onSaved: (summary: { basketValue: number | null; currency: string | null; outcome: string | null }) => void;
}) {
  const end = useMutate('consultation.end');
  const [outcome, setOutcome] = useState<Outcome>(shortlist.length ? 'purchased' : 'no_purchase');
  const [lines, setLines] = useState<BasketLine[]>([]);
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [notes, setNotes] = useState('');

  // Each opening starts from the current shortlist: what is on it is most likely what was bought.
  useEffect(() => {
    if (!opened) return;
    setOutcome(shortlist.length ? 'purchased' : 'no_purchase');
    setLines(
      shortlist.map((s) => ({ sku: s.sku, title: s.title, unitPrice: s.price, currency: s.currency, quantity: 1 })),
    );
    end.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset on opening only; a shortlist change while open must not discard the associate's edits
  }, [opened]);

  const bought = outcome === 'purchased' ? lines.filter((l) => l.quantity > 0) : [];
  const totals = basketTotals(bought);
  const canSave = outcome !== 'purchased' || bought.length > 0;

  const save = () =>
    end.mutate(
      {
        consultationId,
        outcome,
        bought: bought.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        satisfaction,
        notes: notes.trim() || null,
      },
      { onSuccess: (s) => onSaved({ basketValue: s.basketValue, currency: s.currency, outcome: s.outcome }) },
    );

  const setQty = (sku: string, quantity: number) =>
    setLines((ls) => ls.map((l) => (l.sku === sku ? { ...l, quantity } : l)));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={700} fz="xl">
          End the consultation
        </Text>
      }
      size="xl"
      centered
      closeButtonProps={{ 'aria-label': 'Close without saving' }}
    >
      <Stack gap="md">
        <Box>
          <Text fw={600} size="sm" mb={6} id="outcome-label">
            How did it end?
          </Text>
          <SegmentedControl
            aria-labelledby="outcome-label"
            fullWidth
            size="md"
            value={outcome}
            onChange={(v) => setOutcome(v)}
            data={[
              { value: 'purchased', label: OUTCOME_LABELS.purchased },
              { value: 'no_purchase', label: OUTCOME_LABELS.no_purchase },
              { value: 'abandoned', label: OUTCOME_LABELS.abandoned },
            ]}
          />
        </Box>

        {outcome === 'purchased' && (
          <Stack gap="xs">
            <Text fw={600} size="sm">
              What they bought
            </Text>
            {lines.length === 0 && (
              <Text size="sm" c="dark.4">
                Nothing yet: add the items below.
              </Text>
            )}
            <Stack gap={6} component="ul" className={classes.plainList} aria-label="Bought items" data-testid="basket">
              {lines.map((l) => (
                <Group key={l.sku} component="li" wrap="nowrap" gap="sm" data-testid="basket-line">
                  <Checkbox
                    checked={l.quantity > 0}
                    onChange={(e) => setQty(l.sku, e.currentTarget.checked ? 1 : 0)}
                    aria-label={`Bought ${l.title}`}
                  />
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate="end" c={l.quantity > 0 ? undefined : 'dark.3'}>
                      {l.title}
                    </Text>
                    <Text size="xs" c="dark.4">
                      {l.sku} · {formatMoney(l.unitPrice, l.currency)} each
                    </Text>
                  </Box>
                  <NumberInput
                    value={l.quantity}
                    onChange={(v) => setQty(l.sku, Math.max(0, Math.min(99, Number(v) || 0)))}
                    min={0}
                    max={99}
                    w={84}
                    size="sm"
                    aria-label={`Quantity of ${l.title}`}
                  />
                  <Text w={96} ta="right" fw={600} className="tabular">
                    {formatMoney(l.unitPrice * l.quantity, l.currency)}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    onClick={() => setLines((ls) => ls.filter((x) => x.sku !== l.sku))}
                    aria-label={`Remove ${l.title}`}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
            <SkuPicker onAdd={(line) => setLines((ls) => addToBasket(ls, line))} />
            <Group
              justify="space-between"
              p="sm"
              style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 'var(--mantine-radius-md)' }}
            >
              <Text fw={600}>Basket</Text>
              <Text fw={700} fz="lg" className="tabular" data-testid="basket-value">
                {totals.units} {totals.units === 1 ? 'item' : 'items'} ·{' '}
                {formatMoney(totals.value, totals.currency ?? 'GBP')}
              </Text>
            </Group>
            {totals.mixedCurrencies && (
              <Alert color="red">These items are priced in different currencies and cannot be saved together.</Alert>
            )}
          </Stack>
        )}

        <Box>
          <Text fw={600} size="sm" mb={6} id="satisfaction-label">
            How satisfied did they seem?{' '}
            <Text span c="dark.4" fw={400}>
              (optional)
            </Text>
          </Text>
          <Group gap={6} role="radiogroup" aria-labelledby="satisfaction-label">
            {SATISFACTION.map((s) => (
              <Button
                key={s.value}
                role="radio"
                aria-checked={satisfaction === s.value}
                aria-label={`${s.value} of 5: ${s.label}`}
                variant={satisfaction === s.value ? 'filled' : 'default'}
                onClick={() => setSatisfaction(satisfaction === s.value ? null : s.value)}
                size="md"
              >
                {s.value} · {s.label}
              </Button>
            ))}
          </Group>
        </Box>

        <Textarea
          label="Notes"
          description="For the record and your manager; not shared with the customer."
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={5}
          maxLength={2000}
        />

        {end.error && <ErrorNotice error={end.error} what="saving the consultation" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep going
          </Button>
          <Button onClick={save} loading={end.isPending} disabled={!canSave || totals.mixedCurrencies}>
            {outcome === 'purchased' ? `Save · ${formatMoney(totals.value, totals.currency ?? 'GBP')}` : 'Save and end'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
