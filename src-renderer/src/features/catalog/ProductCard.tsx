/** One search result: picture, title, brand, price, sizes and colours, and what is on the shelf here. */
import { Badge, Box, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { ProductHit } from '../../../../src-main/contract';
import { Price } from '../../components/Price';
import { ProductPicture } from '../../components/ProductPicture';
import { Swatch } from '../../components/Swatch';
import classes from './Catalog.module.css';

function sizeSummary(sizes: string[]): string {
  if (sizes.length === 0) return 'One size';
  if (sizes.length <= 6) return sizes.join(' · ');
  return `${sizes[0]} – ${sizes[sizes.length - 1]} (${sizes.length} sizes)`;
}

export function StockHere({ units, compact }: { units: number; compact?: boolean }) {
  if (units <= 0)
    return (
      <Badge color="gray" variant="light" size={compact ? 'md' : 'lg'} tt="none" fw={500}>
        Not in stock here
      </Badge>
    );
  return (
    <Badge
      color={units < 3 ? 'yellow' : 'teal'}
      variant="light"
      size={compact ? 'md' : 'lg'}
      tt="none"
      fw={600}
      className="tabular"
    >
      {units} in stock here
    </Badge>
  );
}

export function ProductCard({ hit, onOpen }: { hit: ProductHit; onOpen: () => void }) {
  const colorsShown = hit.colors.slice(0, 5);
  return (
    <UnstyledButton className={classes.card} onClick={onOpen} data-testid="product-card">
      <Box className={classes.cardImage}>
        <ProductPicture src={hit.imageUrl} alt="" fit="cover" />
        {hit.onSale && (
          <Badge color="red.8" variant="filled" className={classes.saleBadge}>
            Sale
          </Badge>
        )}
      </Box>
      <Stack gap={6} p="md" className={classes.cardBody}>
        <Text size="xs" tt="uppercase" fw={600} c="dimmed" lts={0.4} truncate="end">
          {hit.brand ?? hit.category ?? ''}
        </Text>
        <Text fw={600} fz="md" lineClamp={2} className={classes.cardTitle} data-testid="product-title">
          {hit.title}
        </Text>
        <Price
          price={hit.priceMin}
          regular={hit.onSale ? hit.regularPriceMin : null}
          maxPrice={hit.priceMax}
          currency={hit.currency}
        />
        <Text size="sm" c="dark.4" truncate="end" title={hit.sizes.join(', ')}>
          {sizeSummary(hit.sizes)}
        </Text>
        <Group gap={6} wrap="nowrap" className={classes.cardColors}>
          {colorsShown.map((c) => (
            <Tooltip key={c} label={c}>
              <Box component="span" style={{ display: 'inline-flex' }}>
                <Swatch color={c} size={16} />
              </Box>
            </Tooltip>
          ))}
          <Text size="sm" c="dark.4" truncate="end">
            {hit.colors.length === 1 ? hit.colors[0] : `${hit.colors.length} colours`}
          </Text>
        </Group>
        <Box mt="auto" pt={4}>
          <StockHere units={hit.stockHere} compact />
        </Box>
      </Stack>
    </UnstyledButton>
  );
}
