import type { AnalyzerClass } from '../../load/types.js';
import { platformLoader } from './loader.js';

export const platform: AnalyzerClass = { name: 'platform', loaders: [platformLoader] };
