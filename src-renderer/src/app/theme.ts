/**
 * The look: calm, high-contrast, larger than usual type (read at arm's length on a store floor),
 * generous targets. Light scheme only: the screen is often turned toward a customer under shop lights.
 */
import { createTheme, type MantineColorsTuple } from '@mantine/core';

const aisle: MantineColorsTuple = [
  '#e6f7f8',
  '#cdeced',
  '#9dd8db',
  '#68c3c8',
  '#3fb1b7',
  '#25a5ac',
  '#0f8f97',
  '#0b7285',
  '#06636f',
  '#00525c',
];

export const theme = createTheme({
  primaryColor: 'aisle',
  primaryShade: 7,
  colors: { aisle },
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
    fontWeight: '650',
  },
  fontSizes: { xs: '0.8125rem', sm: '0.9375rem', md: '1rem', lg: '1.125rem', xl: '1.3125rem' },
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: { defaultProps: { size: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
  },
});
