/**
 * The catalog: search as you type, facets with counts, results as cards, product detail in a drawer.
 * All page state sits in the URL hash (see catalog-state.ts); the search box debounces 150 ms.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Box,
  Button,
  CloseButton,
  Drawer,
  EmptyState,
  Group,
  Loader,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconFilterOff, IconMoodEmpty, IconSearch, IconX } from '@tabler/icons-react';
import { formatMoney } from '../../lib/format';
import { useCall } from '../../api';
import { useScan, useScanned } from '../scan/ScanProvider';
import { looksLikeGtin } from '../scan/wedge';
import { buildHash, navigate, useRoute } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import {
  clearFilters,
  hasFilters,
  LIST_FACETS,
  PAGE_SIZE,
  readCatalogState,
  toggleValue,
  toSearchInput,
  withChange,
  writeCatalogState,
  type CatalogState,
  type ListFacet,
  type Sort,
} from './catalog-state';
import { Facets } from './Facets';
import { ProductCard } from './ProductCard';
import { ProductDetailLoader } from './ProductDetail';
import classes from './Catalog.module.css';

const SORT_OPTIONS: { value: Sort; label: string }[] = [
  { value: 'relevance', label: 'Best match' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
  { value: 'title', label: 'Name A–Z' },
];

const FACET_LABEL: Record<ListFacet, string> = {
  category: 'Category',
  brand: 'Brand',
  size: 'Size',
  color: 'Colour',
  gender: 'For',
};

function go(state: CatalogState, opts: { replace?: boolean } = {}) {
  navigate(buildHash('/catalog', writeCatalogState(state)), opts);
}

export function CatalogPage() {
  const route = useRoute();
  const state = readCatalogState(route.params);
  const stateRef = useRef(state);
  stateRef.current = state;

  // The box holds what is typed; the URL (and so the search) follows 150 ms after typing pauses.
  const [text, setText] = useState(state.q);
  const [debounced] = useDebouncedValue(text, 150);
  useEffect(() => {
    if (debounced !== stateRef.current.q) go(withChange(stateRef.current, { q: debounced }), { replace: true });
  }, [debounced]);
  // Back/forward or a link elsewhere changed the words: show them.
  useEffect(() => {
    if (state.q !== debounced) setText(state.q);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the URL's words may overwrite the box: re-running when the debounced text changes would undo typing
  }, [state.q]);

  const searchRef = useRef<HTMLInputElement>(null);
  const scanner = useScan();
  // a scan typed into the search box opens its product; the box goes back to what was there before
  useScanned((code) => setText((t) => (t.endsWith(code) ? t.slice(0, -code.length) : t)));
  useHotkeys([['/', () => searchRef.current?.focus()]]);

  const input = toSearchInput(state);
  const search = useCall('catalog.search', input, { keepPrevious: true });
  const data = search.data;
  const status = useCall('app.status', {});
  const storeName = status.data?.store.name ?? 'this store';

  const set = (change: Partial<CatalogState>) => go(withChange(state, change));
  const toggle = (facet: ListFacet, value: string) => set({ [facet]: toggleValue(state[facet], value) });
  const openProduct = (productId: number) => go({ ...state, product: productId });
  const closeProduct = () => go({ ...state, product: undefined });

  const resultsTopRef = useRef<HTMLDivElement>(null);
  const setPage = (page: number) => {
    set({ page });
    resultsTopRef.current?.scrollIntoView({ block: 'start' });
  };

  const product = useCall(
    'catalog.product',
    { productId: state.product ?? -1 },
    { enabled: state.product !== undefined },
  );
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const first = data && data.total > 0 ? (state.page - 1) * PAGE_SIZE + 1 : 0;
  const last = data ? Math.min(data.total, state.page * PAGE_SIZE) : 0;
  const fetchingNew = search.isFetching && search.isPlaceholderData;

  const chips: { key: string; label: string; remove: () => void }[] = [];
  for (const f of LIST_FACETS)
    for (const v of state[f])
      chips.push({ key: `${f}:${v}`, label: `${FACET_LABEL[f]}: ${v}`, remove: () => toggle(f, v) });
  if (state.priceMin !== undefined || state.priceMax !== undefined) {
    const cur = data?.facets.price?.currency ?? 'GBP';
    const lo = state.priceMin !== undefined ? formatMoney(state.priceMin, cur) : 'any';
    const hi = state.priceMax !== undefined ? formatMoney(state.priceMax, cur) : 'any';
    chips.push({
      key: 'price',
      label: `Price: ${lo} – ${hi}`,
      remove: () => set({ priceMin: undefined, priceMax: undefined }),
    });
  }

  return (
    <>
      <PageHeader
        title="Catalog"
        description={`Every product we sell, with what is on the shelf at ${storeName} and in the other stores.`}
      />

      <Paper withBorder radius="lg" p="md" mb="lg" className={classes.toolbar}>
        <Group gap="md" wrap="nowrap" align="center">
          <TextInput
            ref={searchRef}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && text) {
                e.stopPropagation();
                setText('');
              }
              // a barcode typed by hand opens its product, as a scan does
              if (e.key === 'Enter' && looksLikeGtin(text)) {
                void scanner.openCode(text.trim());
                setText('');
              }
            }}
            placeholder="Search by name, brand, type, SKU or barcode"
            aria-label="Search the catalog"
            size="lg"
            radius="md"
            leftSection={<IconSearch size={20} />}
            rightSection={
              fetchingNew ? (
                <Loader size="sm" aria-label="Searching" />
              ) : text ? (
                <CloseButton
                  aria-label="Clear search"
                  onClick={() => {
                    setText('');
                    searchRef.current?.focus();
                  }}
                />
              ) : null
            }
            style={{ flex: 1 }}
            data-autofocus
            autoFocus
          />
          <Switch
            size="md"
            checked={state.inStock}
            onChange={(e) => set({ inStock: e.currentTarget.checked })}
            label={`In stock here`}
            aria-label={`Only products in stock at ${storeName}`}
            classNames={{ label: classes.switchLabel }}
          />
          <Select
            aria-label="Sort results"
            data={SORT_OPTIONS}
            value={state.sort}
            onChange={(v) => set({ sort: (v as Sort) ?? 'relevance' })}
            allowDeselect={false}
            w={200}
            size="md"
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
      </Paper>

      <Box className={classes.layout}>
        <Box className={classes.facetColumn}>
          {data ? (
            <Facets
              facets={data.facets}
              state={state}
              onToggle={toggle}
              onPrice={(priceMin, priceMax) => set({ priceMin, priceMax })}
            />
          ) : search.isPending ? (
            <Stack gap="md">
              {Array.from({ length: 5 }, (_, i) => (
                <Skeleton key={i} h={90} radius="md" />
              ))}
            </Stack>
          ) : null}
        </Box>

        <Box className={classes.resultsColumn} ref={resultsTopRef}>
          <Group justify="space-between" mb="sm" mih={36} wrap="nowrap" align="center">
            <Text fw={600} fz="lg" aria-live="polite" data-testid="result-count" className="tabular">
              {data
                ? data.total === 0
                  ? 'No products'
                  : `${data.total.toLocaleString('en-GB')} ${data.total === 1 ? 'product' : 'products'}${state.q ? ` for “${state.q}”` : ''}`
                : 'Searching…'}
            </Text>
            {(hasFilters(state) || state.q) && (
              <Button
                variant="subtle"
                color="gray"
                leftSection={<IconFilterOff size={18} />}
                onClick={() => {
                  setText('');
                  go({ ...clearFilters(state), q: '', product: undefined });
                }}
              >
                Clear search and filters
              </Button>
            )}
          </Group>
          {chips.length > 0 && (
            <Group gap={6} mb="md" aria-label="Active filters">
              {chips.map((c) => (
                <Button
                  key={c.key}
                  size="xs"
                  radius="xl"
                  variant="light"
                  rightSection={<IconX size={14} />}
                  onClick={c.remove}
                  aria-label={`Remove filter ${c.label}`}
                  className={classes.filterChip}
                >
                  {c.label}
                </Button>
              ))}
            </Group>
          )}

          {search.error && !data && (
            <ErrorNotice error={search.error} onRetry={() => search.refetch()} what="searching the catalog" />
          )}
          {search.error && data && (
            <ErrorNotice
              error={search.error}
              onRetry={() => search.refetch()}
              what="updating these results (showing the last ones)"
            />
          )}

          {search.isPending && !data && (
            <SimpleGrid type="container" cols={{ base: 2, '560px': 3, '920px': 4, '1240px': 5 }} spacing="md">
              {Array.from({ length: 8 }, (_, i) => (
                <Skeleton key={i} h={380} radius="lg" />
              ))}
            </SimpleGrid>
          )}

          {data && data.total === 0 && (
            <Paper withBorder radius="lg" p="xl">
              <EmptyState
                icon={<IconMoodEmpty size={34} stroke={1.5} />}
                variant="light"
                title={
                  state.q
                    ? `Nothing matches “${state.q}”${hasFilters(state) ? ' with these filters' : ''}`
                    : 'No products match these filters'
                }
                description={
                  hasFilters(state)
                    ? state.inStock
                      ? `Nothing in stock at ${storeName} matches. Turn off “In stock here” to see what the other stores have, or remove a filter.`
                      : 'Remove a filter to widen the search.'
                    : 'Check the spelling, or try a more general word such as “jacket”, “boots” or a brand name.'
                }
              >
                {hasFilters(state) && (
                  <EmptyState.Actions>
                    <Button variant="light" onClick={() => go(clearFilters(state))}>
                      Remove all filters
                    </Button>
                  </EmptyState.Actions>
                )}
              </EmptyState>
            </Paper>
          )}

          {data && data.total > 0 && (
            <Box style={{ opacity: fetchingNew ? 0.6 : 1, transition: 'opacity 120ms' }} aria-busy={fetchingNew}>
              <SimpleGrid
                type="container"
                cols={{ base: 2, '560px': 3, '920px': 4, '1240px': 5 }}
                spacing="md"
                verticalSpacing="md"
              >
                {data.results.map((hit) => (
                  <ProductCard key={hit.productId} hit={hit} onOpen={() => openProduct(hit.productId)} />
                ))}
              </SimpleGrid>
              <Group justify="space-between" mt="lg" mb="xl">
                <Text size="sm" c="dimmed" className="tabular">
                  Showing {first}–{last} of {data.total.toLocaleString('en-GB')}
                </Text>
                {pages > 1 && (
                  <Pagination
                    total={pages}
                    value={Math.min(state.page, pages)}
                    onChange={setPage}
                    getControlProps={(control) => ({
                      'aria-label':
                        control === 'next'
                          ? 'Next page'
                          : control === 'previous'
                            ? 'Previous page'
                            : control === 'first'
                              ? 'First page'
                              : 'Last page',
                    })}
                    getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
                  />
                )}
              </Group>
            </Box>
          )}
        </Box>
      </Box>

      <Drawer
        opened={state.product !== undefined}
        onClose={closeProduct}
        position="right"
        size="min(1080px, 94vw)"
        padding="xl"
        title={product.data?.title ?? (product.error ? 'Product' : 'Loading…')}
        closeButtonProps={{ 'aria-label': 'Close product details', size: 'lg' }}
        classNames={{ header: classes.drawerHeader, title: classes.drawerTitle }}
      >
        {state.product !== undefined && <ProductDetailLoader productId={state.product} />}
      </Drawer>
    </>
  );
}
