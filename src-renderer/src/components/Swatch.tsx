/** A colour dot for a catalog colour name; nothing when the name maps to no known colour. */
import { Box } from '@mantine/core';
import { isLightSwatch, swatchFor } from '../lib/colors';

export function Swatch({ color, size = 14 }: { color: string | null | undefined; size?: number }) {
  const css = swatchFor(color);
  if (!css) return null;
  return (
    <Box
      component="span"
      aria-hidden
      style={{
        display: 'inline-block',
        flex: 'none',
        width: size,
        height: size,
        borderRadius: '50%',
        background: css,
        border: `1px solid ${isLightSwatch(css) ? 'var(--mantine-color-gray-4)' : 'rgba(0,0,0,0.15)'}`,
      }}
    />
  );
}
