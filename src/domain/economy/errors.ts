/**
 * A transfer would take an account below zero. Raised inside the transaction, which then
 * rolls back: nothing of the operation happens.
 */
export class InsufficientFundsError extends Error {
  override name = "InsufficientFundsError";
  constructor(
    readonly account: string,
    readonly balance: bigint,
    readonly needed: bigint,
  ) {
    super(`${account} holds ${balance}, needs ${needed}`);
  }
}
