#!/usr/bin/env node
/**
 * Recomputes a Chopsticks casino game from its revealed seed, following docs/fairness.md.
 * Written from that document alone, on purpose sharing no code with the bot: a second,
 * independent implementation is what makes a recomputation worth something.
 *
 *   node scripts/verify-game.mjs --seed <64 hex> --user <id> --nonce <n> --game <coinflip|slots|roulette|blackjack>
 *     [--hash <published sha-256>] [--bet <coins>] [--call heads|tails] [--pick <roulette bet>]
 *     [--moves hit,stand,double] [--json]
 *
 * Exit status: 0 when computed (and the hash, if given, matches), 1 on a hash mismatch,
 * 2 on bad arguments.
 */
import { createHash, createHmac } from "node:crypto";

const USAGE = `usage: node scripts/verify-game.mjs --seed <64 hex> --user <id> --nonce <n> --game <coinflip|slots|roulette|blackjack>
    [--hash <published sha-256>] [--bet <coins>] [--call heads|tails] [--pick <roulette bet>]
    [--moves hit,stand,double] [--json]
  --seed    the revealed server seed (/fair rotate, /fair verify)
  --user    the player's Discord id
  --nonce   the game's nonce
  --game    coinflip, slots, roulette or blackjack
  --hash    the seed hash published before the game: checked against SHA-256(seed)
  --bet     the stake, to compute the payout
  --call    coinflip: the side called
  --pick    roulette: red, black, odd, even, low, high or 0-36
  --moves   blackjack: the player's moves in order
  --json    one JSON object instead of text
exit status: 0 computed (and --hash matches), 1 --hash does not match, 2 bad arguments`;

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith("--")) fail(`unexpected argument ${flag}`);
    if (flag === "--json") args.json = true;
    else args[flag.slice(2)] = argv[++i] ?? fail(`${flag} needs a value`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
if (!/^[0-9a-f]{64}$/.test(args.seed ?? "")) fail("--seed must be 64 lower-case hex characters");
if (!/^\d{17,20}$/.test(args.user ?? "")) fail("--user must be a Discord user id");
if (!/^\d+$/.test(args.nonce ?? "")) fail("--nonce must be a whole number");
const game = args.game;
if (!["coinflip", "slots", "roulette", "blackjack"].includes(game))
  fail("--game must be coinflip, slots, roulette or blackjack");
const bet = args.bet === undefined ? null : BigInt(args.bet);

/** HMAC-SHA256(key = seed text, message) read as a big-endian integer, mod n. */
function value(message, n) {
  const digest = createHmac("sha256", args.seed).update(message).digest("hex");
  return { message, digest, value: Number(BigInt(`0x${digest}`) % BigInt(n)) };
}
const single = (n) => value(`${args.user}:${args.nonce}`, n);
const round = (r, n) => value(`${args.user}:${args.nonce}:${r}`, n);

const hash = createHash("sha256").update(args.seed).digest("hex");
const draws = [];
let outcome;
let multiplier = null; // returned coins per coin bet, as [numerator, denominator]

if (game === "coinflip") {
  const d = single(100);
  draws.push(d);
  const result = d.value <= 48 ? "heads" : d.value <= 97 ? "tails" : "edge";
  outcome = { value: d.value, result };
  if (args.call) multiplier = args.call === result ? [2n, 1n] : [0n, 1n];
} else if (game === "slots") {
  const strip = "🍒 🍋 🔔 🍒 ⭐ 🍋 🍒 🔔 💎 🍋 🍒 ⭐ 🔔 🍋 7️⃣ 🍒 🔔 ⭐ 🍋 💎".split(" ");
  const names = {
    "🍒": "cherry",
    "🍋": "lemon",
    "🔔": "bell",
    "⭐": "star",
    "💎": "diamond",
    "7️⃣": "seven",
  };
  const triples = { seven: 250n, diamond: 100n, star: 25n, bell: 15n, lemon: 8n, cherry: 5n };
  const values = [0, 1, 2].map((r) => {
    const d = round(r, 20);
    draws.push(d);
    return d.value;
  });
  const symbols = values.map((v) => names[strip[v]]);
  const cherries = symbols.filter((s) => s === "cherry").length;
  const times =
    symbols[0] === symbols[1] && symbols[1] === symbols[2]
      ? triples[symbols[0]]
      : cherries === 2
        ? 3n
        : 0n;
  outcome = { values, symbols, multiplier: Number(times) };
  multiplier = [times, 1n];
} else if (game === "roulette") {
  const d = single(37);
  draws.push(d);
  const reds = [1, 3, 5, 7, 9, 12, 14, 16, 18, 19, 21, 23, 25, 27, 30, 32, 34, 36];
  const pocket = d.value;
  const color = pocket === 0 ? "green" : reds.includes(pocket) ? "red" : "black";
  let times = null;
  if (args.pick !== undefined) {
    const pick = args.pick.toLowerCase();
    const wins = {
      red: color === "red",
      black: color === "black",
      odd: pocket !== 0 && pocket % 2 === 1,
      even: pocket !== 0 && pocket % 2 === 0,
      low: pocket >= 1 && pocket <= 18,
      high: pocket >= 19,
    };
    if (pick in wins) times = wins[pick] ? 2n : 0n;
    else if (/^\d{1,2}$/.test(pick) && Number(pick) <= 36)
      times = Number(pick) === pocket ? 36n : 0n;
    else fail("--pick must be red, black, odd, even, low, high or 0-36");
  }
  outcome = { pocket, color, ...(times === null ? {} : { multiplier: Number(times) }) };
  if (times !== null) multiplier = [times, 1n];
} else {
  const rank = (card) => card % 13;
  const points = (card) => Math.min(10, rank(card) + 1);
  const total = (cards) => {
    const hard = cards.reduce((sum, c) => sum + points(c), 0);
    const soft = cards.some((c) => rank(c) === 0) && hard + 10 <= 21;
    return soft ? hard + 10 : hard;
  };
  const natural = (cards) => cards.length === 2 && total(cards) === 21;
  let next = 0;
  const take = () => {
    const d = round(next++, 52);
    draws.push(d);
    return d.value;
  };
  const player = [];
  const dealer = [];
  player.push(take());
  dealer.push(take());
  player.push(take());
  dealer.push(take());
  let doubled = false;
  let done = natural(player) || natural(dealer);
  const moves = args.moves ? args.moves.split(",") : [];
  const dealerPlays = () => {
    if (total(player) <= 21) while (total(dealer) < 17) dealer.push(take());
    done = true;
  };
  for (const move of moves) {
    if (done) fail(`move ${move} after the hand ended`);
    if (move === "stand") dealerPlays();
    else if (move === "hit" || move === "double") {
      if (move === "double") {
        if (player.length !== 2) fail("double is only allowed on the first two cards");
        doubled = true;
      }
      player.push(take());
      if (move === "double" || total(player) >= 21) dealerPlays();
    } else fail(`unknown move ${move}`);
  }
  let result = "in play";
  if (done) {
    const p = total(player);
    const d = total(dealer);
    if (natural(player) && natural(dealer)) result = "push";
    else if (natural(player)) result = "blackjack";
    else if (natural(dealer)) result = "dealer_blackjack";
    else if (p > 21) result = "bust";
    else if (d > 21 || p > d) result = "win";
    else result = p === d ? "push" : "lose";
  }
  outcome = { player, dealer, next, doubled, phase: done ? "done" : "player", result };
  const stake = doubled ? 2n : 1n;
  multiplier =
    result === "blackjack"
      ? [5n, 2n]
      : result === "win"
        ? [2n * stake, 1n]
        : result === "push"
          ? [stake, 1n]
          : [0n, 1n];
}

let payout = null;
if (bet !== null && multiplier) {
  // Blackjack's 3:2 is the bet plus 3/2 of it, rounded down; the rest are whole multiples.
  const [num, den] = multiplier;
  payout = den === 2n ? bet + (bet * 3n) / 2n : (bet * num) / den;
}
const hashOk = args.hash === undefined ? null : args.hash.toLowerCase() === hash;

if (args.json) {
  console.log(
    JSON.stringify({
      hash,
      hashOk,
      draws,
      outcome,
      payout: payout === null ? null : String(payout),
    }),
  );
} else {
  console.log(
    `seed hash  ${hash}${hashOk === null ? "" : hashOk ? "  (matches)" : "  (DOES NOT MATCH)"}`,
  );
  for (const d of draws) console.log(`HMAC(${d.message}) = ${d.digest} → ${d.value}`);
  console.log(`outcome    ${JSON.stringify(outcome)}`);
  if (payout !== null) console.log(`payout     ${payout} for a bet of ${bet}`);
}
process.exit(hashOk === false ? 1 : 0);
