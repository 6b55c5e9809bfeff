// What a pool pays, in expectation, for work worth `blocks` blocks. Every
// scheme's expectation is the full reward (subsidy + transaction fees) minus
// the pool's cut; they differ in who carries the variance and, for PPS+, in
// the fee charged on the transaction-fee part. Details: docs/earnings.md.
import type { PayoutVariance, PoolTerms } from '../../contract/earnings.js';

export interface PayoutSplit {
  subsidySats: number;
  txFeeSats: number;
  poolFeeSats: number;
  /** subsidySats + txFeeSats: what reaches the miner. */
  sats: number;
}

const VARIANCE: Readonly<Record<PoolTerms['scheme'], PayoutVariance>> = {
  fpps: 'steady',
  'pps-plus': 'fees-vary',
  pplns: 'pool-luck',
  solo: 'lottery',
};

export function payoutVariance(scheme: PoolTerms['scheme']): PayoutVariance {
  return VARIANCE[scheme];
}

/**
 * The expected payout for `blocks` blocks' worth of work (blocks may be a tiny
 * fraction) at the given mean subsidy and mean transaction fees per block.
 */
export function expectedPayout(blocks: number, avgSubsidySats: number, avgFeesPerBlockSats: number, terms: PoolTerms): PayoutSplit {
  const subsidyFee = terms.feePercent / 100;
  const txFee = (terms.scheme === 'pps-plus' ? (terms.txFeePartFeePercent ?? terms.feePercent) : terms.feePercent) / 100;
  const grossSubsidy = blocks * avgSubsidySats;
  const grossTxFees = blocks * avgFeesPerBlockSats;
  const subsidySats = grossSubsidy * (1 - subsidyFee);
  const txFeeSats = grossTxFees * (1 - txFee);
  return {
    subsidySats,
    txFeeSats,
    poolFeeSats: grossSubsidy * subsidyFee + grossTxFees * txFee,
    sats: subsidySats + txFeeSats,
  };
}
