/**
 * Customer-facing mode: the laptop is turned toward the customer, so spend, contact details and notes
 * disappear and product cards grow. One switch anywhere (and Ctrl+Shift+F) flips it for every screen;
 * the state is kept per laptop (localStorage) so a reload does not suddenly reveal private details.
 */
import { Group, Kbd, Switch, Text, Tooltip } from '@mantine/core';
import { useHotkeys, useLocalStorage } from '@mantine/hooks';

export const CUSTOMER_FACING_SHORTCUT = 'mod+shift+f';

export function useCustomerFacing(): [boolean, (on: boolean | ((prev: boolean) => boolean)) => void] {
  const [on, setOn] = useLocalStorage<boolean>({
    key: 'aisle.customerFacing',
    defaultValue: false,
    getInitialValueInEffect: false,
  });
  return [on, setOn];
}

/** The toggle with its shortcut shown next to it. Renders the hotkey too, so put exactly one per page. */
export function CustomerFacingToggle() {
  const [on, setOn] = useCustomerFacing();
  // Ctrl+Shift+F types nothing, so it works from inside the reply box as well.
  useHotkeys([[CUSTOMER_FACING_SHORTCUT, () => setOn((v) => !v)]], []);
  return (
    <Tooltip label="Hides spend, contact details and notes, and makes product cards bigger" multiline w={260}>
      <Group gap={8} wrap="nowrap" data-testid="customer-facing">
        <Switch
          size="md"
          checked={on}
          onChange={(e) => setOn(e.currentTarget.checked)}
          label={
            <Text fw={500} fz="sm" style={{ whiteSpace: 'nowrap' }}>
              Customer view
            </Text>
          }
          aria-label="Customer view: hide spend, contact details and notes (Ctrl+Shift+F)"
          color="violet"
        />
        <Kbd size="xs" aria-hidden>
          Ctrl Shift F
        </Kbd>
      </Group>
    </Tooltip>
  );
}
