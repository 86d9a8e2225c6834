-- A new customer's save in two statements, no transaction around them (lib/customers/save-customer.ts):
-- the first reads, without locks, the row holding the ID and the near-match candidates, and
-- fingerprints what the check saw; the second (save_customer_if_unchanged) takes the locks, and
-- inserts only if nobody took the ID and the fingerprint is unchanged. Otherwise the app falls back
-- to the locked protocol, which decides as before.

-- What a customer's near-match check saw, as one value: the entries each key brought (the newest
-- `lim` per key, exactly as the candidate query reads them), the version of each record they point
-- to (xmin: a merge that rewrites a record changes it), and how many records bear the exact name.
CREATE FUNCTION customer_check_fingerprint(owner uuid, keys text[], lims int[], name_key text, max_name_count int)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT md5(
    coalesce((
      SELECT string_agg(q.key || ':' || k."customerId"::text || ':' || c.xmin::text, ',' ORDER BY q.key, k."customerId")
        FROM unnest(keys, lims) AS q(key, lim)
        CROSS JOIN LATERAL (
          SELECT m."customerId" FROM "CustomerMatchKey" m
           WHERE m."ownerId" = owner AND m.key = q.key
           ORDER BY m."customerId" DESC LIMIT q.lim) k
        JOIN "Customer" c ON c.id = k."customerId"), '')
    || '|' || (SELECT count(*) FROM (SELECT 1 FROM "CustomerMatchKey" WHERE "ownerId" = owner AND key = name_key LIMIT max_name_count) n))
$$;

-- Under the save's locks (its ID, then its keys in hash order, as every save takes them), each
-- statement of this function reads with a new snapshot, so it sees whatever committed while it
-- waited: it answers 'exists' (the ID was taken), 'changed' (the check would see something else),
-- or inserts the customer, its keys and the user's decisions and answers 'inserted'.
CREATE FUNCTION save_customer_if_unchanged(
  p_id uuid, p_owner uuid, p_record_key text, p_lock_keys text[], p_lock_timeout text,
  p_keys text[], p_lims int[], p_name_key text, p_max_name_count int, p_seen text,
  p_name text, p_email text, p_phone text, p_company text, p_street text, p_postcode text, p_city text, p_country text,
  p_name_normalized text, p_email_normalized text, p_phone_normalized text, p_company_normalized text,
  p_stored_keys text[], p_decided uuid[])
RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM set_config('lock_timeout', p_lock_timeout, true);
  PERFORM pg_advisory_xact_lock(hashtextextended(p_record_key, 0));
  PERFORM count(pg_advisory_xact_lock(h)) FROM (
    SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(p_lock_keys) AS k ORDER BY h) ordered;
  IF EXISTS (SELECT 1 FROM "Customer" WHERE id = p_id) THEN
    RETURN 'exists';
  END IF;
  IF customer_check_fingerprint(p_owner, p_keys, p_lims, p_name_key, p_max_name_count) IS DISTINCT FROM p_seen THEN
    RETURN 'changed';
  END IF;
  INSERT INTO "Customer" (id, "ownerId", name, email, phone, company, street, postcode, city, country,
                          "nameNormalized", "emailNormalized", "phoneNormalized", "companyNormalized")
  VALUES (p_id, p_owner, p_name, p_email, p_phone, p_company, p_street, p_postcode, p_city, p_country,
          p_name_normalized, p_email_normalized, p_phone_normalized, p_company_normalized);
  INSERT INTO "CustomerMatchKey" ("ownerId", key, "customerId")
  SELECT p_owner, k, p_id FROM unnest(p_stored_keys) AS k ON CONFLICT DO NOTHING;
  INSERT INTO "CustomerDuplicateDecision" ("customerId", "matchId", "decidedById")
  SELECT p_id, m, p_owner FROM unnest(p_decided) AS m;
  RETURN 'inserted';
END
$$;
