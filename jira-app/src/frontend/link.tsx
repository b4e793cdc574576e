import ForgeReconciler from '@forge/react';
import { StrictMode } from 'react';
import { LinkPage } from './components/link/link-page';

ForgeReconciler.render(
  <StrictMode>
    <LinkPage />
  </StrictMode>,
);
