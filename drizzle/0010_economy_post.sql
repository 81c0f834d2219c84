-- Hand-written (drizzle cannot express functions); CREATE OR REPLACE, so it can be re-applied.
-- One posting of the economy ledger in one round trip; src/data/economy/ledger.ts calls it and
-- documents the rules. Legs: [{"from","to","amount" (text),"kind","memo"}], applied in order.
CREATE OR REPLACE FUNCTION economy_post(
  p_guild text, p_key text, p_actor text, p_ref text, p_legs jsonb
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_ids bigint[];
  v_count int;
  v_balances jsonb := '{}'::jsonb;
  v_leg record;
  v_from text;
  v_to text;
  v_amount bigint;
  v_have bigint;
  r record;
BEGIN
  -- 1. The transfers under the operation's key: a key used before means nothing more happens.
  WITH ins AS (
    INSERT INTO economy_transfers
      (guild_id, key, leg, from_account, to_account, amount, kind, ref, actor_id, memo)
    SELECT p_guild, p_key, (x.ord - 1)::smallint, x.l->>'from', x.l->>'to',
           (x.l->>'amount')::bigint, x.l->>'kind', p_ref, p_actor, x.l->>'memo'
    FROM jsonb_array_elements(p_legs) WITH ORDINALITY AS x(l, ord)
    ON CONFLICT DO NOTHING
    RETURNING id, leg
  )
  SELECT array_agg(id ORDER BY leg), count(*) INTO v_ids, v_count FROM ins;
  IF v_count = 0 THEN
    RETURN jsonb_build_object('applied', false);
  END IF;
  IF v_count <> jsonb_array_length(p_legs) THEN
    RAISE EXCEPTION 'posting % was partly applied before', p_key;
  END IF;

  -- 2. Every account it touches: created at 0 when missing, locked when present, in sorted
  --    order (the upsert's conflict path takes each row lock as the rows come).
  FOR r IN
    INSERT INTO economy_accounts (guild_id, account, balance)
    SELECT p_guild, s.account, 0 FROM (
      SELECT DISTINCT a.account
      FROM jsonb_array_elements(p_legs) AS l,
           LATERAL (VALUES (l->>'from'), (l->>'to')) AS a(account)
    ) AS s
    ORDER BY s.account
    ON CONFLICT (guild_id, account) DO UPDATE SET balance = economy_accounts.balance
    RETURNING account, balance
  LOOP
    v_balances := v_balances || jsonb_build_object(r.account, r.balance::text);
  END LOOP;

  -- 3. The legs in order: only mint and house may go below zero, at any step.
  FOR v_leg IN
    SELECT x.l FROM jsonb_array_elements(p_legs) WITH ORDINALITY AS x(l, ord) ORDER BY x.ord
  LOOP
    v_from := v_leg.l->>'from';
    v_to := v_leg.l->>'to';
    v_amount := (v_leg.l->>'amount')::bigint;
    v_have := (v_balances->>v_from)::bigint;
    IF v_have < v_amount AND v_from NOT IN ('mint', 'house') THEN
      RAISE EXCEPTION USING
        ERRCODE = 'EC001',
        MESSAGE = 'insufficient funds',
        DETAIL = jsonb_build_object(
          'account', v_from, 'balance', v_have::text, 'needed', v_amount::text
        )::text;
    END IF;
    v_balances := v_balances || jsonb_build_object(v_from, (v_have - v_amount)::text);
    v_balances := v_balances
      || jsonb_build_object(v_to, ((v_balances->>v_to)::bigint + v_amount)::text);
  END LOOP;

  -- 4. The new balances, and two ledger entries per transfer.
  UPDATE economy_accounts AS a SET balance = (v_balances->>a.account)::bigint
  WHERE a.guild_id = p_guild AND a.account IN (SELECT jsonb_object_keys(v_balances));
  INSERT INTO economy_entries (guild_id, transfer_id, account, delta)
  SELECT p_guild, v_ids[x.ord], e.account, e.delta
  FROM jsonb_array_elements(p_legs) WITH ORDINALITY AS x(l, ord),
       LATERAL (VALUES
         (1, x.l->>'from', -((x.l->>'amount')::bigint)),
         (2, x.l->>'to', (x.l->>'amount')::bigint)
       ) AS e(n, account, delta)
  ORDER BY x.ord, e.n;

  RETURN jsonb_build_object('applied', true, 'ids', to_jsonb(v_ids), 'balances', v_balances);
END
$$;
