/** The frame of a section whose feature has not landed yet: an honest line of what will be here. */
import type { ReactNode } from 'react';
import { EmptyState, Paper } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { PageHeader } from './PageHeader';

export function ComingSoon({
  title,
  description,
  icon: IconC,
  children,
}: {
  title: string;
  description: string;
  icon: Icon;
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Paper withBorder p="xl" radius="lg">
        <EmptyState
          icon={<IconC size={34} stroke={1.5} />}
          variant="light"
          title="Not available yet in this version"
          description={children}
        />
      </Paper>
    </>
  );
}
