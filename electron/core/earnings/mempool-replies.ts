// Reply parsers for the mempool.space REST API (paths and shapes: the mempool
// project's backend routes and API docs, see docs/earnings.md). Two steps per
// reply: the shape (types, fields) -> 'invalid-reply'; then the values
// (ranges, sanity) -> 'out-of-range'. Pure: text in, typed value or error out.
import { z } from 'zod';
import type { FeeSample, NextAdjustment } from '../../contract/earnings.js';
import { formatZodError } from '../storage/zod-message.js';
import type { BoundedReply } from './http-get.js';
import { MarketFetchError } from './market-error.js';

/** Bitcoin's minimum difficulty is 1 (the difficulty-1 target is the proof-of-work limit). */
const MIN_DIFFICULTY = 1;
/** ~1000× today's difficulty: anything above is a broken server, not the network. */
const MAX_DIFFICULTY = 1e18;
const MAX_HEIGHT = 100_000_000;
/** Mean fees per block above 100 BTC have never happened over a day of blocks; reject as absurd. */
const MAX_AVG_FEES_SATS = 100 * 100_000_000;
/** 2009-01-03 and 2200-01-01, Unix ms: outside this a timestamp is wrong. */
const MIN_TIME_MS = 1_230_940_800_000;
const MAX_TIME_MS = 7_258_118_400_000;

/** Web servers and proxies answer a wrong path with an HTML page and status 200: say so plainly. */
function refuseHtml(reply: BoundedReply): void {
  if (/html/i.test(reply.contentType) || reply.text.trimStart().startsWith('<')) {
    throw new MarketFetchError('invalid-reply', `${reply.url} sent an HTML page, not API data (does the base URL end in /api?)`, reply.url);
  }
}

/** JSON from a reply, refusing HTML pages and non-JSON with a message that says what came back. */
export function replyJson(reply: BoundedReply): unknown {
  refuseHtml(reply);
  try {
    return JSON.parse(reply.text);
  } catch {
    throw new MarketFetchError('invalid-reply', `${reply.url} did not send JSON`, reply.url);
  }
}

export function parseShape<S extends z.ZodType>(schema: S, json: unknown, reply: BoundedReply): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new MarketFetchError('invalid-reply', `unexpected reply from ${reply.url}: ${formatZodError(parsed.error)}`, reply.url);
  }
  return parsed.data;
}

export function outOfRange(reply: BoundedReply, what: string): MarketFetchError {
  return new MarketFetchError('out-of-range', `${reply.url} sent an impossible ${what}`, reply.url);
}

function checkDifficulty(value: number, reply: BoundedReply): number {
  if (!Number.isFinite(value) || value < MIN_DIFFICULTY || value > MAX_DIFFICULTY) {
    throw outOfRange(reply, `difficulty (${value}; mainnet difficulty is at least 1: is this a test network?)`);
  }
  return value;
}

/** GET /blocks/tip/height: the height as plain text. */
export function parseTipHeight(reply: BoundedReply): number {
  refuseHtml(reply);
  const text = reply.text.trim();
  if (!/^\d{1,12}$/.test(text)) throw new MarketFetchError('invalid-reply', `${reply.url} did not send a block height`, reply.url);
  const height = Number(text);
  if (height < 1 || height > MAX_HEIGHT) throw outOfRange(reply, `block height (${height})`);
  return height;
}

/** GET /blocks/tip/hash: 64 hex digits as plain text. */
export function parseTipHash(reply: BoundedReply): string {
  refuseHtml(reply);
  const text = reply.text.trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new MarketFetchError('invalid-reply', `${reply.url} did not send a block hash`, reply.url);
  return text;
}

const HashrateShape = z.object({ currentDifficulty: z.number(), currentHashrate: z.number() });

/**
 * GET /v1/mining/hashrate/3d -> currentDifficulty, or undefined when the
 * server sends 0: mempool's backend zeroes it when its Bitcoin node does not
 * answer, and the caller then asks for the tip block instead.
 */
export function parseHashrateDifficulty(reply: BoundedReply): number | undefined {
  const { currentDifficulty } = parseShape(HashrateShape, replyJson(reply), reply);
  if (currentDifficulty === 0) return undefined;
  return checkDifficulty(currentDifficulty, reply);
}

const BlockShape = z.object({ id: z.string(), height: z.number().int(), difficulty: z.number() });

/** GET /block/:hash -> its difficulty, after checking it is the block asked for. */
export function parseBlockDifficulty(reply: BoundedReply, hash: string): number {
  const block = parseShape(BlockShape, replyJson(reply), reply);
  if (block.id !== hash) throw new MarketFetchError('invalid-reply', `${reply.url} sent block ${block.id}, not ${hash}`, reply.url);
  return checkDifficulty(block.difficulty, reply);
}

const DigitsOrNumber = z.union([z.number(), z.string().regex(/^\d+$/, 'a whole number')]).transform(Number);
const RewardStatsShape = z.object({
  startBlock: z.number().int(),
  endBlock: z.number().int(),
  // Sums come from SQL SUM() and arrive as strings of digits.
  totalFee: DigitsOrNumber,
});

/** GET /v1/mining/reward-stats/:blockCount -> mean fees per block over that range. */
export function parseRewardStats(reply: BoundedReply, blockCount: number): FeeSample {
  const stats = parseShape(RewardStatsShape, replyJson(reply), reply);
  const blocks = stats.endBlock - stats.startBlock + 1;
  if (stats.startBlock < 0 || blocks < 1 || blocks > blockCount) {
    throw outOfRange(reply, `block range (${stats.startBlock}..${stats.endBlock} for ${blockCount} blocks)`);
  }
  const avg = stats.totalFee / blocks;
  if (!Number.isFinite(avg) || avg < 0 || avg > MAX_AVG_FEES_SATS) throw outOfRange(reply, `fee total (${stats.totalFee} sats over ${blocks} blocks)`);
  return { avgFeesPerBlockSats: avg, fromHeight: stats.startBlock, toHeight: stats.endBlock };
}

const DifficultyAdjustmentShape = z.object({
  progressPercent: z.number(),
  difficultyChange: z.number(),
  estimatedRetargetDate: z.number(),
  remainingBlocks: z.number().int(),
  nextRetargetHeight: z.number().int(),
});

/** Retarget every 2016 blocks (Bitcoin Core: nPowTargetTimespan / nPowTargetSpacing = 14 days / 10 min). */
export const RETARGET_INTERVAL = 2016;

/** GET /v1/difficulty-adjustment. */
export function parseDifficultyAdjustment(reply: BoundedReply): NextAdjustment {
  const da = parseShape(DifficultyAdjustmentShape, replyJson(reply), reply);
  if (da.progressPercent < 0 || da.progressPercent > 100) throw outOfRange(reply, `epoch progress (${da.progressPercent} %)`);
  // The backend clamps the estimate to the consensus limits, ×4 and ÷4.
  if (da.difficultyChange < -75 || da.difficultyChange > 300) throw outOfRange(reply, `difficulty change (${da.difficultyChange} %)`);
  if (da.remainingBlocks < 1 || da.remainingBlocks > RETARGET_INTERVAL) throw outOfRange(reply, `remaining block count (${da.remainingBlocks})`);
  if (da.nextRetargetHeight < RETARGET_INTERVAL || da.nextRetargetHeight % RETARGET_INTERVAL !== 0 || da.nextRetargetHeight > MAX_HEIGHT) {
    throw outOfRange(reply, `retarget height (${da.nextRetargetHeight})`);
  }
  // Today's backend sends Unix ms; the API docs' example (an older version) shows Unix seconds.
  const at = da.estimatedRetargetDate < 1e11 ? da.estimatedRetargetDate * 1000 : da.estimatedRetargetDate;
  if (at < MIN_TIME_MS || at > MAX_TIME_MS) throw outOfRange(reply, `retarget date (${da.estimatedRetargetDate})`);
  return {
    changePercent: da.difficultyChange,
    progressPercent: da.progressPercent,
    remainingBlocks: da.remainingBlocks,
    nextRetargetHeight: da.nextRetargetHeight,
    estimatedRetargetAt: at,
  };
}

/**
 * Highest believable BTC price per currency: the bounds mempool's own backend
 * applies before storing a price (backend/src/repositories/PricesRepository.ts
 * MAX_PRICES). The lowest: 1 unit of any currency (BTC has cost more since 2011).
 */
export const MAX_BTC_PRICE: Readonly<Record<string, number>> = {
  USD: 1e8,
  EUR: 1e8,
  GBP: 1e8,
  CAD: 1e8,
  CHF: 1e8,
  AUD: 1e8,
  JPY: 1e10,
};
const MAX_BTC_PRICE_OTHER = 1e11;
const MIN_BTC_PRICE = 1;

const PricesShape = z.record(z.string(), z.unknown());

/**
 * GET /v1/prices -> the positive prices by currency code. mempool marks a
 * currency it has no price for with -1 (and instances without a conversion
 * feed send only USD, EUR, GBP, CAD, CHF, AUD, JPY): those are left out, so
 * the caller converts through USD. A reply without a USD price is refused.
 */
export function parsePrices(reply: BoundedReply): Record<string, number> {
  const table = parseShape(PricesShape, replyJson(reply), reply);
  const prices: Record<string, number> = {};
  for (const [key, value] of Object.entries(table)) {
    if (!/^[A-Z]{3}$/.test(key)) continue; // `time`, and anything else that is not a currency
    if (typeof value !== 'number') throw new MarketFetchError('invalid-reply', `unexpected reply from ${reply.url}: ${key} is not a number`, reply.url);
    if (value === -1 || value === 0) continue;
    const max = MAX_BTC_PRICE[key] ?? MAX_BTC_PRICE_OTHER;
    if (!Number.isFinite(value) || value < MIN_BTC_PRICE || value > max) throw outOfRange(reply, `BTC price in ${key} (${value})`);
    prices[key] = value;
  }
  if (prices.USD === undefined) throw new MarketFetchError('invalid-reply', `${reply.url} has no USD price`, reply.url);
  return prices;
}
