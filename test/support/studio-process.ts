/**
 * One studio instance in a process of its own, for tests of several instances sharing
 * one PostgreSQL (each process has its own gallery, pools and caches, as deployed
 * instances do). Run with `node --conditions=react-server --import tsx`; it prints
 * `listening <url>` and serves until killed. Configuration comes from the environment.
 */
import { startStudio } from './studio-server';

void startStudio().then((studio) => console.log(`listening ${studio.url}`));
