import ForgeReconciler from '@forge/react';
import { StrictMode } from 'react';
import { IssuePanel } from './components/panel/issue-panel';

ForgeReconciler.render(
  <StrictMode>
    <IssuePanel />
  </StrictMode>,
);
