"use client";

import { CreateForm } from "@/components/forms/create-form.tsx";
import { findSaved } from "@/components/forms/find-saved.ts";
import { useCreateForm, type CreateAction } from "@/components/forms/use-create-form.ts";
import { Field } from "@/components/ui/field.tsx";
import { lazySchema } from "@/components/forms/lazy-schema.ts";
import { useState } from "react";
import { lazyComponent } from "@/components/lazy-component.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { CUSTOMER_LIMITS } from "@/lib/validations/fields.ts";
import { isPlausibleProbe } from "./match-probe.ts";

// The panel, and TanStack Query with it, loads once there is something to look up, so the page's
// first load does not carry them for a panel that is not shown yet.
const PossibleMatches = lazyComponent(() => import("./possible-matches.tsx").then((m) => m.default));

const schema = lazySchema(() => import("@/lib/validations/customer.ts").then((m) => m.customerSchema));
const EMPTY = { id: "", name: "", email: "", phone: "", company: "", street: "", postcode: "", city: "", country: "" };
const findSavedCustomer = (id: string) =>
  findSaved<{ id: string; name: string }>(`/api/v1/customers/${id}`, (c) => ({ title: c.name, href: `/customers/${c.id}` }));

/** `countries` comes from the server (`countryOptions`), so its names are the ones it rendered. */
export function CustomerForm({ initialId, action, countries }: { initialId: string; action: CreateAction; countries: { code: string; name: string }[] }) {
  const controls = useCreateForm({ schema, action, initialId, emptyValues: EMPTY, findSaved: findSavedCustomer });
  const { values, field, saving, fieldError } = controls;
  const input = (name: keyof typeof EMPTY) => ({ ...field(name), readOnly: saving });

  return (
    <CreateForm controls={controls} newFormHref="/customers/new" submitLabel="Save customer" belowButton={<LiveMatches values={values} />}>
      <Field id="name" label="Name" error={fieldError("name")}>
        {(aria) => <input {...aria} autoComplete="off" {...input("name")} />}
      </Field>
      <Field id="email" label="Email" error={fieldError("email")}>
        {(aria) => <input {...aria} type="email" autoComplete="off" {...input("email")} />}
      </Field>
      <Field id="phone" label="Phone" error={fieldError("phone")}>
        {(aria) => <input {...aria} type="tel" autoComplete="off" {...input("phone")} />}
      </Field>
      <Field id="company" label="Company" error={fieldError("company")}>
        {(aria) => <input {...aria} autoComplete="off" {...input("company")} />}
      </Field>
      <fieldset className="address">
        <legend>
          Postal address <span className="muted">(optional)</span>
        </legend>
        <Field id="street" label="Street and number" error={fieldError("street")}>
          {(aria) => <input {...aria} autoComplete="off" maxLength={CUSTOMER_LIMITS.street} {...input("street")} />}
        </Field>
        <div className="address__line">
          <Field id="postcode" label="Postcode" error={fieldError("postcode")}>
            {(aria) => <input {...aria} autoComplete="off" maxLength={CUSTOMER_LIMITS.postcode} {...input("postcode")} />}
          </Field>
          <Field id="city" label="City" error={fieldError("city")}>
            {(aria) => <input {...aria} autoComplete="off" maxLength={CUSTOMER_LIMITS.city} {...input("city")} />}
          </Field>
        </div>
        <Field id="country" label="Country" error={fieldError("country")}>
          {(aria) => (
            <select {...aria} {...field("country")}>
              <option value="">—</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
    </CreateForm>
  );
}

function LiveMatches({ values }: { values: Record<string, string> }) {
  const { id = "", name = "", email = "", phone = "", company = "", street = "", postcode = "", city = "", country = "" } = values;
  const probe = { name, email, phone, company, street, postcode, city, country, exclude: id };
  const [wanted, setWanted] = useState(false);
  const hydrated = useHydrated(); // live, so never in the server's HTML
  if (!wanted && isPlausibleProbe(probe)) setWanted(true); // stays mounted once shown, so it can clear itself
  return wanted && hydrated ? <PossibleMatches probe={probe} /> : null;
}
