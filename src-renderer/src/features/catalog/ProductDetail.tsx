/**
 * Everything about one product at the counter: every variant grouped by colour, with size, price,
 * stock here and in the other stores (each with the time it was synced), SKU, GTIN and status.
 * Used by the catalog's drawer; the consultation screen can show the same component.
 */
import { Badge, Box, Group, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import type { ProductDetail as ProductDetailData, VariantDetail } from '../../../../src-main/contract';
import { useCall } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Price } from '../../components/Price';
import { ProductPicture } from '../../components/ProductPicture';
import { Swatch } from '../../components/Swatch';
import { asOfLabel, fullTime } from '../../lib/time';
import { shortStoreNames } from '../../lib/stores';
import classes from './Catalog.module.css';

interface StoreColumn {
  storeId: string;
  storeName: string;
  /** the name without the words every store shares ("Aisle Outdoor Glasgow" → "Glasgow") */
  shortName: string;
  here: boolean;
}

function storeColumns(p: ProductDetailData): StoreColumn[] {
  const seen = new Map<string, StoreColumn>();
  for (const v of p.variants)
    for (const s of v.stock)
      if (!seen.has(s.storeId))
        seen.set(s.storeId, { storeId: s.storeId, storeName: s.storeName, shortName: s.storeName, here: s.here });
  const cols = [...seen.values()].sort(
    (a, b) => Number(b.here) - Number(a.here) || a.storeName.localeCompare(b.storeName),
  );
  const short = shortStoreNames(cols.map((c) => c.storeName));
  cols.forEach((c, i) => (c.shortName = short[i]!));
  return cols;
}

function groupByColour(variants: VariantDetail[]): { color: string; variants: VariantDetail[] }[] {
  const groups = new Map<string, VariantDetail[]>();
  for (const v of variants) {
    const key = v.color ?? 'No colour';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(v);
  }
  return [...groups.entries()].map(([color, vs]) => ({ color, variants: vs }));
}

function StockCell({ variant, store }: { variant: VariantDetail; store: StoreColumn }) {
  const level = variant.stock.find((s) => s.storeId === store.storeId);
  if (!level) {
    return (
      <Text size="sm" c="dimmed">
        not stocked
      </Text>
    );
  }
  const qty = Math.max(0, level.quantity);
  const where = store.here ? 'here' : `at ${store.shortName}`;
  return (
    <Tooltip label={`${qty} ${where}, as counted at ${fullTime(level.asOf)}`}>
      <Stack
        gap={0}
        className="tabular"
        data-testid={store.here ? 'stock-here' : 'stock-other'}
        tabIndex={0}
        aria-label={`${qty} ${where}, as of ${asOfLabel(level.asOf)}`}
      >
        <Text size="sm" fw={qty > 0 ? 700 : 400} c={qty > 0 ? (store.here ? 'teal.9' : 'dark.7') : 'dimmed'}>
          {store.here ? `${qty} here` : qty}
        </Text>
        <Text size="xs" c="dimmed">
          as of {asOfLabel(level.asOf)}
        </Text>
      </Stack>
    </Tooltip>
  );
}

function statusBadge(v: VariantDetail) {
  if (v.status !== 'active')
    return (
      <Badge color="gray" variant="outline" tt="none" size="md">
        {v.status === 'discontinued' ? 'Discontinued' : v.status}
      </Badge>
    );
  return (
    <Badge color="teal" variant="dot" tt="none" size="md">
      Active
    </Badge>
  );
}

function ColourGroup({ color, variants, stores }: { color: string; variants: VariantDetail[]; stores: StoreColumn[] }) {
  const here = variants.reduce((n, v) => n + Math.max(0, v.stockHere), 0);
  const headingId = `colour-${color.replace(/\W+/g, '-')}`;
  return (
    <Paper withBorder radius="md" className={classes.colourGroup} component="section" aria-labelledby={headingId}>
      <Group justify="space-between" px="md" py="sm" className={classes.colourHeader}>
        <Group gap={10}>
          <Swatch color={color} size={18} />
          <Title order={3} fz="md" id={headingId}>
            {color}
          </Title>
          <Text size="sm" c="dimmed">
            {variants.length} {variants.length === 1 ? 'size' : 'sizes'}
          </Text>
        </Group>
        <Text size="sm" fw={600} c={here > 0 ? 'teal.9' : 'dimmed'}>
          {here > 0 ? `${here} here in this colour` : 'None here in this colour'}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={8} horizontalSpacing="sm" className={classes.variantTable} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={72}>
                Size
              </Table.Th>
              <Table.Th scope="col" w={112}>
                Price
              </Table.Th>
              {stores.map((s) => (
                <Table.Th
                  scope="col"
                  key={s.storeId}
                  w={152}
                  title={s.storeName}
                  aria-label={s.here ? `Here · ${s.storeName}` : s.storeName}
                >
                  {s.here ? `Here · ${s.shortName}` : s.shortName}
                </Table.Th>
              ))}
              <Table.Th scope="col">SKU · GTIN</Table.Th>
              <Table.Th scope="col" w={104}>
                Status
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {variants.map((v) => (
              <Table.Tr key={v.variantId} data-testid="variant-row">
                <Table.Th scope="row" fz="md" fw={700}>
                  {v.size ?? 'One size'}
                </Table.Th>
                <Table.Td>
                  <Price
                    price={v.salePrice ?? v.price}
                    regular={v.salePrice != null ? v.price : null}
                    currency={v.currency}
                    size="sm"
                  />
                </Table.Td>
                {stores.map((s) => (
                  <Table.Td key={s.storeId} className={s.here ? classes.hereCell : undefined}>
                    <StockCell variant={v} store={s} />
                  </Table.Td>
                ))}
                <Table.Td>
                  <Text size="sm" ff="monospace" fw={600} truncate="end" title={v.sku}>
                    {v.sku}
                  </Text>
                  <Text
                    size="xs"
                    ff="monospace"
                    c="dimmed"
                    truncate="end"
                    title={v.gtin ? `GTIN ${v.gtin}` : 'No GTIN'}
                  >
                    {v.gtin ?? 'no GTIN'}
                  </Text>
                </Table.Td>
                <Table.Td>{statusBadge(v)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

export function ProductDetailView({ product }: { product: ProductDetailData }) {
  const stores = storeColumns(product);
  const groups = groupByColour(product.variants);
  const prices = product.variants.map((v) => v.salePrice ?? v.price);
  const lowest = product.variants.reduce<VariantDetail | null>(
    (best, v) => (!best || (v.salePrice ?? v.price) < (best.salePrice ?? best.price) ? v : best),
    null,
  );
  const here = product.variants.reduce((n, v) => n + Math.max(0, v.stockHere), 0);
  const oldest = product.variants.flatMap((v) => v.stock.map((s) => s.asOf)).sort()[0];
  return (
    <Stack gap="lg">
      <Group align="flex-start" wrap="nowrap" gap="xl">
        <Box className={classes.detailImage}>
          <ProductPicture src={product.imageUrl} alt={product.title} />
        </Box>
        <Stack gap={8} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" tt="uppercase" fw={600} c="dimmed" lts={0.4}>
            {[product.brand, product.category, product.gender].filter(Boolean).join(' · ')}
          </Text>
          {lowest && (
            <Price
              price={lowest.salePrice ?? lowest.price}
              regular={lowest.salePrice != null ? lowest.price : null}
              maxPrice={Math.max(...prices)}
              currency={lowest.currency}
              size="lg"
            />
          )}
          <Group gap="xs">
            <Badge size="lg" variant="light" color={here > 0 ? 'teal' : 'gray'} tt="none" className="tabular">
              {here > 0 ? `${here} in stock here` : 'Not in stock here'}
            </Badge>
            <Badge size="lg" variant="light" color="gray" tt="none">
              {product.variants.length} variants · {groups.length} {groups.length === 1 ? 'colour' : 'colours'}
            </Badge>
            {product.status !== 'active' && (
              <Badge size="lg" color="red" variant="light" tt="none">
                {product.status === 'discontinued' ? 'Discontinued' : product.status}
              </Badge>
            )}
          </Group>
          {product.descriptionText && (
            <Text size="md" c="dark.6" className={classes.description}>
              {product.descriptionText}
            </Text>
          )}
          {product.tags.length > 0 && (
            <Group gap={6} aria-label="Tags">
              {product.tags.slice(0, 12).map((t) => (
                <Badge key={t} variant="outline" color="gray" tt="none" fw={500}>
                  {t}
                </Badge>
              ))}
            </Group>
          )}
          <Group gap={6} c="dimmed" wrap="nowrap" align="flex-start">
            <IconClock size={15} style={{ flex: 'none', marginTop: 2 }} />
            <Text size="xs">
              Stock counts are as of each store's last sync{oldest ? ` (oldest: ${fullTime(oldest)})` : ''}. Product ref{' '}
              {product.externalId}.
            </Text>
          </Group>
        </Stack>
      </Group>
      <Title order={2} fz="lg">
        Sizes and stock by colour
      </Title>
      {groups.map((g) => (
        <ColourGroup key={g.color} color={g.color} variants={g.variants} stores={stores} />
      ))}
    </Stack>
  );
}

export function ProductDetailLoader({ productId }: { productId: number }) {
  const q = useCall('catalog.product', { productId });
  if (q.error) return <ErrorNotice error={q.error} onRetry={() => q.refetch()} what="opening this product" />;
  if (!q.data)
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading product">
        <Group wrap="nowrap" gap="xl">
          <Skeleton h={220} w={220} />
          <Stack style={{ flex: 1 }}>
            <Skeleton h={16} w="40%" />
            <Skeleton h={28} w="30%" />
            <Skeleton h={60} />
          </Stack>
        </Group>
        <Skeleton h={200} />
      </Stack>
    );
  return <ProductDetailView product={q.data} />;
}
