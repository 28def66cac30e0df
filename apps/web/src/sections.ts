import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * The seven sections of the app. Each page is its own file under pages/, loaded on first visit
 * (its own JavaScript chunk). A section owns every path under its own: /escalations/ID is the
 * Escalations page, which reads the rest of the path with matchPath.
 */
export interface Section {
  path: string;
  label: string;
  page: LazyExoticComponent<ComponentType>;
}

export const SECTIONS: Section[] = [
  { path: '/', label: 'Now', page: lazy(() => import('./pages/now-page.js')) },
  { path: '/schedules', label: 'Schedules', page: lazy(() => import('./pages/schedules-page.js')) },
  { path: '/my-on-call', label: 'My on-call', page: lazy(() => import('./pages/my-on-call-page.js')) },
  { path: '/escalations', label: 'Escalations', page: lazy(() => import('./pages/escalations-page.js')) },
  { path: '/handovers', label: 'Handovers', page: lazy(() => import('./pages/handovers-page.js')) },
  { path: '/rapid-actions', label: 'Rapid actions', page: lazy(() => import('./pages/rapid-actions-page.js')) },
  { path: '/figures', label: 'Figures', page: lazy(() => import('./pages/figures-page.js')) },
];

export function sectionOf(path: string): Section | undefined {
  if (path === '/' || path === '') return SECTIONS[0];
  return SECTIONS.find(
    (section) => section.path !== '/' && (path === section.path || path.startsWith(`${section.path}/`)),
  );
}
