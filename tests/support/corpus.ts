import { fileURLToPath } from 'node:url';

/** The shared capture corpus lives beside the project (../shared); tests read it there. */
export const SHARED_CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const SEEDS_DIR = `${SHARED_CORPUS}seeds`;
export const REAL_DIR = `${SHARED_CORPUS}real`;
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
