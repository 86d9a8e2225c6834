"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { focusFirstError } from "@/components/forms/focus-first-error.ts";
import { lazyResolver } from "@/components/forms/lazy-resolver.ts";
import { ApiError, isRetryable, postApi, retryDelay, type Problem } from "@/components/api/fetch-api.ts";
import { lazySchema } from "@/components/forms/lazy-schema.ts";
import { Field } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { newId } from "@/lib/ids.ts";
import { CURRENCIES } from "@/lib/validations/fields.ts";
import { toApiAmount } from "@/lib/validations/amount.ts";
import { AmountPreview } from "./amount-preview.tsx";
import type { OrderResource } from "@/lib/api/orders.ts";

const fieldsSchema = lazySchema(() => import("@/lib/validations/order.ts").then((m) => m.quickAddOrderSchema));
type Fields = { description: string; amount: string; currency: string };

/** One attempt at one order: its key and body stay the same across retries and "Add anyway". */
interface Attempt {
  key: string;
  body: Fields & { id: string; customerId: string; confirmDuplicateOf?: string[] };
}

/**
 * "Quick add order" on a customer's page, through the JSON API. Each new order gets a fresh
 * Idempotency-Key and record ID; automatic retries (lost answers, a copy still in progress) resend
 * both unchanged, so a retry can only ever find the order it already placed. The fields are
 * react-hook-form's, checked by the server's schema; the API's field errors land on them too.
 */
export function QuickAddOrder({ customerId, defaultCurrency = "USD" }: { customerId: string; defaultCurrency?: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [resolver] = useState(() => lazyResolver(fieldsSchema) as unknown as Resolver<Fields>);
  const form = useForm<Fields>({ mode: "onTouched", defaultValues: { description: "", amount: "", currency: defaultCurrency }, resolver });
  const sending = useRef(false);
  const mutation = useMutation({
    mutationFn: (attempt: Attempt) => postApi<OrderResource>("/api/v1/orders", attempt.body, attempt.key),
    retry: (failures, error) => failures < 4 && isRetryable(error),
    retryDelay,
    onSuccess: () => form.reset({ description: "", amount: "", currency: form.getValues("currency") }),
    onError: (error) => {
      const problem = error instanceof ApiError ? error.problem : null;
      for (const e of problem?.errors ?? []) form.setError(e.field as keyof Fields, { type: "server", message: e.message });
    },
    onSettled: () => {
      sending.current = false;
      router.refresh(); // the page's order list is server-rendered
    },
  });

  function send(attempt: Attempt) {
    // A second click before React re-renders must not start a second order with a second key.
    if (sending.current) return;
    sending.current = true;
    mutation.mutate(attempt);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void form.handleSubmit(
      (fields) => send({ key: newId(), body: { id: newId(), customerId, ...fields, amount: toApiAmount(fields.amount) } }),
      (invalid) => focusFirstError(formRef.current, invalid),
    )();
  }

  const pending = mutation.isPending;
  // A replay of this attempt's key, or (200) an order whose ID was saved before: nothing new.
  const alreadySaved = mutation.isSuccess && (mutation.data.replayed || mutation.data.status === 200);
  const problem = mutation.error instanceof ApiError ? mutation.error.problem : null;
  const attempt = mutation.variables;
  const errors = form.formState.errors;

  return (
    <section className="card stack" aria-labelledby="quick-add-heading">
      <h2 id="quick-add-heading" className="flush">
        Quick add order
      </h2>
      <form ref={formRef} className="quick-add" aria-label="Quick add order" onSubmit={onSubmit} onFocus={fieldsSchema.prefetch} noValidate>
        <Field id="quick-description" label="Description" error={errors.description?.message}>
          {(aria) => <input {...aria} {...form.register("description")} readOnly={pending} maxLength={500} autoComplete="off" />}
        </Field>
        <Field id="quick-amount" label="Amount" hint={<AmountPreview amountId="quick-amount" currencyId="quick-currency" />} error={errors.amount?.message}>
          {(aria) => <input {...aria} {...form.register("amount")} readOnly={pending} inputMode="decimal" placeholder="19.99" autoComplete="off" />}
        </Field>
        <Field id="quick-currency" label="Currency" error={errors.currency?.message}>
          {(aria) => (
            <select {...aria} {...form.register("currency")} disabled={pending}>
              {CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <button className="button" type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Adding…" : "Add order"}
        </button>
      </form>
      <div aria-live="polite">
        {mutation.isSuccess ? (
          <Notice tone={alreadySaved ? "info" : "success"} title={alreadySaved ? "Already saved" : "Order added"}>
            <Link href={`/orders/${mutation.data.body.id}`}>{mutation.data.body.description}</Link>
            {mutation.data.replayed ? " was placed by an earlier try of this request; nothing new was created." : null}
          </Notice>
        ) : null}
        {mutation.isError && problem?.type === "/api/v1/problems/possible-duplicate" && attempt ? (
          <PossibleDuplicate
            problem={problem}
            onConfirm={() => send({ ...attempt, body: { ...attempt.body, confirmDuplicateOf: problem.confirmDuplicateOf } })}
            onCancel={() => mutation.reset()}
          />
        ) : mutation.isError && !problem?.errors ? (
          <Notice tone="error" title={problem?.title ?? "The order could not be sent"}>
            <p>{problem?.detail ?? "No answer from the server. What you typed is kept."}</p>
            {attempt && isRetryable(mutation.error) ? (
              <button type="button" className="button button--secondary" onClick={() => send(attempt)}>
                Try again
              </button>
            ) : null}
          </Notice>
        ) : null}
      </div>
    </section>
  );
}

function PossibleDuplicate({ problem, onConfirm, onCancel }: { problem: Problem; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Notice tone="warn" title="Possible duplicate">
      <p>Nothing was saved: this looks like an order already placed.</p>
      <ul className="matches">
        {problem.matches?.map((m) => (
          <li key={m.id} className="match">
            <div>
              <strong>{m.title}</strong> <span className="muted">{m.details.join(" · ")}</span>
              <div className="reasons">{m.reasons.join(", ")}</div>
            </div>
            <a href={m.pageUrl} target="_blank" rel="noopener noreferrer">
              Open existing
            </a>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="button" onClick={onConfirm}>
          Add anyway
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Notice>
  );
}
