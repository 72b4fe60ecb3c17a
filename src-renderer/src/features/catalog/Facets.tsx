/**
 * The filter column: each facet lists its values with the number of products that would remain.
 * Values already chosen stay listed (count 0 if nothing matches) so they can always be unticked.
 */
import { useEffect, useMemo, useState } from 'react';
import { Anchor, Checkbox, Group, RangeSlider, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { type CatalogSearchOutput } from '../../../../src-main/contract';
import { formatMoney } from '../../lib/format';
import { Swatch } from '../../components/Swatch';
import { LIST_FACETS as LIST, type CatalogState, type ListFacet } from './catalog-state';
import classes from './Catalog.module.css';

type FacetCounts = CatalogSearchOutput['facets'];

function withSelected(values: { value: string; count: number }[], selected: string[]) {
  const missing = selected.filter((s) => !values.some((v) => v.value === s)).map((value) => ({ value, count: 0 }));
  return [...values, ...missing];
}

function FacetSection({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  return (
    <section className={classes.facet} aria-labelledby={id}>
      <Title order={3} id={id} className={classes.facetTitle}>
        {title}
      </Title>
      {children}
    </section>
  );
}

function CheckList({
  facet,
  label,
  values,
  selected,
  onToggle,
  initial = 6,
  swatches,
}: {
  facet: ListFacet;
  label: string;
  values: { value: string; count: number }[];
  selected: string[];
  onToggle: (facet: ListFacet, value: string) => void;
  initial?: number;
  swatches?: boolean;
}) {
  const [all, setAll] = useState(false);
  const list = withSelected(values, selected);
  // Chosen values first, then the rest in the server's order (most products first).
  const ordered = [
    ...list.filter((v) => selected.includes(v.value)),
    ...list.filter((v) => !selected.includes(v.value)),
  ];
  const shown = all ? ordered : ordered.slice(0, Math.max(initial, selected.length));
  if (!list.length)
    return (
      <Text size="sm" c="dimmed">
        None in these results
      </Text>
    );
  return (
    <Stack gap={6}>
      {shown.map((v) => (
        <Checkbox
          key={v.value}
          checked={selected.includes(v.value)}
          onChange={() => onToggle(facet, v.value)}
          aria-label={`${label}: ${v.value}, ${v.count} products`}
          classNames={{ label: classes.checkLabel, body: classes.checkBody }}
          label={
            <Group gap={8} wrap="nowrap" justify="space-between" w="100%">
              <Group gap={8} wrap="nowrap" miw={0}>
                {swatches && <Swatch color={v.value} />}
                <Text size="sm" truncate="end" c={v.count === 0 ? 'dimmed' : undefined}>
                  {v.value}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" className="tabular">
                {v.count}
              </Text>
            </Group>
          }
        />
      ))}
      {ordered.length > Math.max(initial, selected.length) && (
        <Anchor component="button" type="button" size="sm" onClick={() => setAll(!all)} ta="left">
          {all ? 'Show fewer' : `Show all ${ordered.length}`}
        </Anchor>
      )}
    </Stack>
  );
}

function SizeChips({
  values,
  selected,
  onToggle,
}: {
  values: { value: string; count: number }[];
  selected: string[];
  onToggle: (facet: ListFacet, value: string) => void;
}) {
  const [all, setAll] = useState(false);
  const list = withSelected(values, selected);
  const shown = all ? list : list.slice(0, 15);
  if (!list.length)
    return (
      <Text size="sm" c="dimmed">
        None in these results
      </Text>
    );
  return (
    <>
      <Group gap={6} role="group" aria-label="Sizes">
        {shown.map((v) => {
          const on = selected.includes(v.value);
          return (
            <UnstyledButton
              key={v.value}
              className={classes.sizeChip}
              data-active={on || undefined}
              data-empty={v.count === 0 || undefined}
              aria-pressed={on}
              aria-label={`Size ${v.value}, ${v.count} products`}
              onClick={() => onToggle('size', v.value)}
            >
              {v.value}
            </UnstyledButton>
          );
        })}
      </Group>
      {list.length > 15 && (
        <Anchor component="button" type="button" size="sm" mt={6} onClick={() => setAll(!all)}>
          {all ? 'Show fewer sizes' : `Show all ${list.length} sizes`}
        </Anchor>
      )}
    </>
  );
}

function PriceRange({
  range,
  min,
  max,
  onChange,
}: {
  range: NonNullable<FacetCounts['price']>;
  min?: number;
  max?: number;
  onChange: (min?: number, max?: number) => void;
}) {
  // Whole pounds (or the currency's major unit) are fine steps for a shop floor.
  const lo = Math.floor(range.min / 100) * 100;
  const hi = Math.max(lo + 100, Math.ceil(range.max / 100) * 100);
  const current: [number, number] = useMemo(
    () => [Math.max(lo, Math.min(min ?? lo, hi)), Math.min(hi, Math.max(max ?? hi, lo))],
    [min, max, lo, hi],
  );
  const [value, setValue] = useState<[number, number]>(current);
  useEffect(() => setValue(current), [current]);
  const fmt = (v: number) => formatMoney(v, range.currency).replace(/\.00$/, '');
  const step = hi - lo > 50_000 ? 500 : 100;
  return (
    <Stack gap={8}>
      <Text size="sm" className="tabular" aria-live="polite">
        {fmt(value[0])} – {fmt(value[1])}
      </Text>
      <RangeSlider
        min={lo}
        max={hi}
        step={step}
        minRange={step}
        value={value}
        onChange={setValue}
        onChangeEnd={([a, b]) => onChange(a <= lo ? undefined : a, b >= hi ? undefined : b)}
        label={fmt}
        thumbFromLabel="Lowest price"
        thumbToLabel="Highest price"
        mx={8}
      />
      {(min !== undefined || max !== undefined) && (
        <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onChange(undefined, undefined)}>
          Any price
        </Anchor>
      )}
    </Stack>
  );
}

export function Facets({
  facets,
  state,
  onToggle,
  onPrice,
}: {
  facets: FacetCounts;
  state: CatalogState;
  onToggle: (facet: ListFacet, value: string) => void;
  onPrice: (min?: number, max?: number) => void;
}) {
  const any = (list: { value: string }[], selected: string[]) => list.length > 0 || selected.length > 0;
  const nothing = !facets.price && !LIST.some((f) => any(facets[f], state[f]));
  if (nothing) {
    return (
      <Text size="sm" c="dimmed" component="nav" aria-label="Filters">
        Filters appear here when there are results to narrow down.
      </Text>
    );
  }
  return (
    <Stack gap="lg" component="nav" aria-label="Filters">
      {any(facets.category, state.category) && (
        <FacetSection title="Category" id="facet-category">
          <CheckList
            facet="category"
            label="Category"
            values={facets.category}
            selected={state.category}
            onToggle={onToggle}
            initial={8}
          />
        </FacetSection>
      )}
      {any(facets.size, state.size) && (
        <FacetSection title="Size" id="facet-size">
          <SizeChips values={facets.size} selected={state.size} onToggle={onToggle} />
        </FacetSection>
      )}
      {any(facets.color, state.color) && (
        <FacetSection title="Colour" id="facet-color">
          <CheckList
            facet="color"
            label="Colour"
            values={facets.color}
            selected={state.color}
            onToggle={onToggle}
            swatches
            initial={8}
          />
        </FacetSection>
      )}
      {facets.price && (
        <FacetSection title="Price" id="facet-price">
          <PriceRange range={facets.price} min={state.priceMin} max={state.priceMax} onChange={onPrice} />
        </FacetSection>
      )}
      {any(facets.brand, state.brand) && (
        <FacetSection title="Brand" id="facet-brand">
          <CheckList facet="brand" label="Brand" values={facets.brand} selected={state.brand} onToggle={onToggle} />
        </FacetSection>
      )}
      {any(facets.gender, state.gender) && (
        <FacetSection title="For" id="facet-gender">
          <CheckList facet="gender" label="For" values={facets.gender} selected={state.gender} onToggle={onToggle} />
        </FacetSection>
      )}
    </Stack>
  );
}
