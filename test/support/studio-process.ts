/**
 * One studio instance in a process of its own, for tests of several instances sharing
 * one PostgreSQL (each process has its own gallery, pools and caches, as deployed
 * instances do). Run with `node --conditions=react-server --import tsx`; it prints
 * `listening <url>` and serves until killed. Configuration comes from the environment.
 * Like the production server it starts the runs at boot (instrumentation.ts does that
 * there) and on SIGTERM lets the runs executing here finish before it exits.
 */
import { runner } from '@/lib/runs/runner';
import { startStudio } from './studio-server';

void startStudio().then(async (studio) => {
  const runs = await runner();
  console.log(`listening ${studio.url}`);
  process.once('SIGTERM', () => {
    void runs.drain().finally(() => process.exit(143));
  });
});
