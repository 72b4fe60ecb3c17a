/** The title row every section starts with: a heading, one line saying what the page is for, actions. */
import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap" mb="md">
      <Stack gap={2}>
        <Title order={1} fz={26}>
          {title}
        </Title>
        {description && (
          <Text c="gray.7" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {/* the actions keep their size; the description wraps instead of squeezing them */}
      {actions && <div style={{ flexShrink: 0 }}>{actions}</div>}
    </Group>
  );
}
