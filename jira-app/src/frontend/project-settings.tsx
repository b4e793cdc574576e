import ForgeReconciler from '@forge/react';
import { StrictMode } from 'react';
import { ProjectSettingsPage } from './components/project/project-settings-page';

ForgeReconciler.render(
  <StrictMode>
    <ProjectSettingsPage />
  </StrictMode>,
);
