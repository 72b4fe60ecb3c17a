/** A price as the till will charge it: the sale price first, the regular price struck through. */
import { Group, Text, VisuallyHidden } from '@mantine/core';
import { formatMoney } from '../lib/format';

export function Price({
  price,
  regular,
  currency,
  size = 'md',
  maxPrice,
}: {
  price: number;
  regular?: number | null;
  currency: string;
  size?: 'sm' | 'md' | 'lg';
  maxPrice?: number;
}) {
  const onSale = regular != null && regular > price;
  const fz = size === 'lg' ? 22 : size === 'md' ? 17 : 15;
  const range = maxPrice !== undefined && maxPrice > price;
  return (
    <Group gap={8} wrap="nowrap" align="baseline" className="tabular">
      <Text fz={fz} fw={700} c={onSale ? 'red.8' : 'dark.8'} style={{ whiteSpace: 'nowrap' }}>
        {onSale && <VisuallyHidden>Sale price </VisuallyHidden>}
        {range && (
          <Text span fz={fz - 4} fw={500} c="gray.7">
            from{' '}
          </Text>
        )}
        {formatMoney(price, currency)}
      </Text>
      {onSale && (
        <Text fz={fz - 3} c="gray.7" td="line-through" style={{ whiteSpace: 'nowrap' }}>
          <VisuallyHidden>was </VisuallyHidden>
          {formatMoney(regular, currency)}
        </Text>
      )}
    </Group>
  );
}
