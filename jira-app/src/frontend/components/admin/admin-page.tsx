import { Tab, TabList, TabPanel, Tabs } from '@forge/react';
import { BacktestTab } from './backtest-tab';
import { ConfigTab } from './config-tab';
import { ModelTab } from './model-tab';
import { SettingsTab } from './settings-tab';
import { SlackTab } from './slack-tab';

/** The jira:adminPage: one tab per job an admin comes here to do. */
export function AdminPage() {
  return (
    <Tabs id="switchboard-admin">
      <TabList>
        <Tab>Configuration</Tab>
        <Tab>Settings</Tab>
        <Tab>Backtest</Tab>
        <Tab>Model</Tab>
        <Tab>Slack</Tab>
      </TabList>
      <TabPanel>
        <ConfigTab />
      </TabPanel>
      <TabPanel>
        <SettingsTab />
      </TabPanel>
      <TabPanel>
        <BacktestTab />
      </TabPanel>
      <TabPanel>
        <ModelTab />
      </TabPanel>
      <TabPanel>
        <SlackTab />
      </TabPanel>
    </Tabs>
  );
}
