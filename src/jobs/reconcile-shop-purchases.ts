import { reconcilePurchases } from "../economy/shop/reconcile.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** Grants or refunds role purchases whose grant call never came back. */
export const reconcileShopPurchases: ScheduledJob = {
  name: "reconcile-shop-purchases",
  run: (deps, now) => reconcilePurchases(deps, now),
};
