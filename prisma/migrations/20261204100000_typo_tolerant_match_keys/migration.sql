-- Blocking keys changed (typo-tolerant word keys, one-word names meeting longer ones, abbreviations
-- written out): every live customer is keyed again by the start-up backfill (lib/matching/match-keys.ts),
-- which keys each customer that has no keys. Until it has run, a customer is found by no key.
DELETE FROM "CustomerMatchKey";
