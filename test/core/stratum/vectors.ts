// Reads the shared stratum vectors (../shared/vectors, beside the repository).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const sharedDir = path.join(repoRoot, '..', 'shared');

export function readVector<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(sharedDir, 'vectors', name), 'utf8')) as T;
}

export interface NotifyVector {
  job_id: string;
  prevhash: string;
  coinb1: string;
  coinb2: string;
  merkle_branch: string[];
  version: string;
  nbits: string;
  ntime: string;
  clean_jobs: boolean;
}

export interface StratumJobVector {
  subscribe_result_extranonce1: string;
  extranonce2_size: number;
  extranonce2: string;
  set_difficulty: number;
  notify: NotifyVector;
  coinbase_hex: string;
  coinbase_hash_hex: string;
  merkle_root_header_order_hex: string;
  header_hex: string;
  nonce: number;
  nonce_hex_for_submit: string;
  hash_display_hex: string;
  share_difficulty: number;
  share_target_hex: string;
}

export interface SlushVector {
  subscribe_result_extranonce1: string;
  extranonce2_size: number;
  notify: NotifyVector;
  notify_params_array: unknown[];
  extranonce2: string;
  submit_params: string[];
  coinbase_hex: string;
  merkle_root_raw_hex_as_in_header: string;
  prevhash_header_bytes_hex: string;
  nonce: number;
  nonce_hex_for_submit: string;
  header_hex: string;
  hash_display_hex: string;
  accept_at_pool_difficulty: Record<string, boolean>;
  other_extranonce2_no_share: { extranonce2: string; header_with_nonce_0_hex: string };
}

export const stratumJob = (): StratumJobVector => readVector<StratumJobVector>('stratum-job.json');
export const slushExample = (): SlushVector => readVector<{ vectors: SlushVector[] }>('stratum-slush-example.json').vectors[0]!;

export function notifyFromVector(n: NotifyVector) {
  return {
    jobId: n.job_id,
    prevhash: n.prevhash,
    coinb1: n.coinb1,
    coinb2: n.coinb2,
    merkleBranch: n.merkle_branch,
    version: n.version,
    nbits: n.nbits,
    ntime: n.ntime,
    cleanJobs: n.clean_jobs,
  };
}
