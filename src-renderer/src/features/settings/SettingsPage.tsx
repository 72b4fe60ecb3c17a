/**
 * Settings: one page, a side list of sections (store & app, data sources, recommender, copilot,
 * configuration, diagnostics). The open section sits in the hash (`#/settings?tab=sources`) so
 * Back and a reload return to it. Only the open section mounts, so only its calls run.
 */
import { Box, Tabs } from '@mantine/core';
import {
  IconBrain,
  IconBuildingStore,
  IconDatabaseImport,
  IconFileSettings,
  IconSparkles,
  IconStethoscope,
  type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { buildHash, navigate, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ConfigurationSection } from './ConfigurationSection';
import { CopilotSection } from './CopilotSection';
import { DataSourcesSection } from './DataSourcesSection';
import { DiagnosticsSection } from './DiagnosticsSection';
import { RecommenderSection } from './RecommenderSection';
import { StoreSection } from './StoreSection';
import classes from './Settings.module.css';

interface SettingsTab {
  id: string;
  label: string;
  description: string;
  icon: Icon;
  Section: ComponentType;
}

export const SETTINGS_TABS: SettingsTab[] = [
  {
    id: 'store',
    label: 'Store & app',
    description: 'Which store this laptop stands in, what is loaded, and this installation.',
    icon: IconBuildingStore,
    Section: StoreSection,
  },
  {
    id: 'sources',
    label: 'Data sources',
    description: 'Feeds, exports and the HQ connection that keep catalog, stock and customers current.',
    icon: IconDatabaseImport,
    Section: DataSourcesSection,
  },
  {
    id: 'recommender',
    label: 'Recommender',
    description: 'The model behind personal picks, “goes with” and best-sellers.',
    icon: IconBrain,
    Section: RecommenderSection,
  },
  {
    id: 'copilot',
    label: 'Copilot & LLM',
    description: 'Which engine answers, and the language model keys (never shown here).',
    icon: IconSparkles,
    Section: CopilotSection,
  },
  {
    id: 'config',
    label: 'Configuration',
    description: 'Every setting in effect and where it came from. Values locked by IT are read-only.',
    icon: IconFileSettings,
    Section: ConfigurationSection,
  },
  {
    id: 'diagnostics',
    label: 'Diagnostics',
    description: 'The same health report as “aisle doctor” prints, ready to copy for IT.',
    icon: IconStethoscope,
    Section: DiagnosticsSection,
  },
];

export function SettingsPage() {
  const route = useRoute();
  const requested = route.params.get('tab');
  const tab = SETTINGS_TABS.find((t) => t.id === requested) ?? SETTINGS_TABS[0]!;
  const select = (id: string | null) => {
    if (id && id !== tab.id)
      navigate(buildHash('/settings', { tab: id === SETTINGS_TABS[0]!.id ? undefined : id }), { replace: true });
  };

  return (
    <>
      <PageHeader title="Settings" description={tab.description} />
      <Tabs
        value={tab.id}
        onChange={select}
        orientation="vertical"
        variant="pills"
        radius="md"
        classNames={{
          root: classes.tabs,
          list: classes.tabList,
          panel: classes.panel,
          tab: classes.tab,
          tabLabel: classes.tabLabel,
        }}
      >
        <Tabs.List aria-label="Settings sections">
          {SETTINGS_TABS.map((t) => {
            const Icon = t.icon;
            return (
              <Tabs.Tab key={t.id} value={t.id} leftSection={<Icon size={20} stroke={1.7} />}>
                {t.label}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {SETTINGS_TABS.map((t) => (
          <Tabs.Panel key={t.id} value={t.id}>
            {t.id === tab.id ? (
              <Box>
                <t.Section />
              </Box>
            ) : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
