-- A committed event wakes the dispatchers that wait for work (LISTEN outbox_event), so it leaves
-- within a round's time instead of within the idle poll's (lib/outbox/wake-on-notify.ts). Once per
-- inserting statement, whatever the number of rows; PostgreSQL delivers it at commit and not at all
-- on rollback, and folds repeats within one transaction. Polling stays the safety net.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_event', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "OutboxEvent_notify" AFTER INSERT ON "OutboxEvent" FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
