import { ataEarlierSources } from '../../ata/earlier-sources.js';
import { cpuEarlierSources } from '../../cpu/earlier-sources.js';
import { kernelLogEarlierSources } from '../../kernel-log/earlier-sources.js';
import { mlx5EarlierSources } from '../../mlx5/earlier-sources.js';
import { nicEarlierSources } from '../../nic/earlier-sources.js';
import type { EarlierSources } from './earlier-source-part.js';

/** The classes whose artifacts earlier releases stored under other source names, one line each. */
export const EARLIER_SOURCES: readonly EarlierSources[] = [
  nicEarlierSources,
  ataEarlierSources,
  mlx5EarlierSources,
  cpuEarlierSources,
  kernelLogEarlierSources,
];
