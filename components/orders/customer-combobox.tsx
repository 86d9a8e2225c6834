"use client";

// The order form's customer picker once the page has JavaScript: type part of a name, pick from
// the user's customers found through the API (any of them, not only the first 500 the plain select
// holds). The WAI-ARIA combobox pattern: the text box owns a listbox, arrows move through it, Enter
// or a click picks, Escape closes. The chosen ID travels in a hidden input the form registered.
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState, type KeyboardEvent } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useDebounced } from "@/components/use-debounced.ts";
import { withQueryProvider } from "@/components/query-provider.tsx";
import { customerByIdQuery, customerLabel, customerSearchQuery, type CustomerChoice } from "./customer-search-query.ts";

interface CustomerComboboxProps {
  aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string };
  registration: UseFormRegisterReturn;
  value: string;
  choose: (id: string) => void;
  /** What the server knows already: the select's choices, shown before anything is typed. */
  choices: CustomerChoice[];
  saving: boolean;
}

const SHOWN = 8;

function CustomerCombobox({ aria, registration, value, choose, choices, saving }: CustomerComboboxProps) {
  const listId = useId();
  const [chosen, setChosen] = useState<CustomerChoice | null>(() => choices.find((c) => c.id === value) ?? null);
  // A value set from elsewhere (a restored draft, a customer beyond the first 500) is named by the API.
  const known = chosen?.id === value ? chosen : (choices.find((c) => c.id === value) ?? null);
  const { data: fetched } = useQuery({ ...customerByIdQuery(value), enabled: Boolean(value) && !known });
  const current = known ?? (value ? (fetched ?? null) : null);

  const [text, setText] = useState<string | null>(null); // null: not editing, the chosen name shows
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const typed = (text ?? "").trim();
  const q = useDebounced(typed, 150);
  const search = useQuery({ ...customerSearchQuery(q, SHOWN), enabled: open && q !== "", placeholderData: keepPreviousData });
  // The API's answer for exactly what is typed; until it comes, the choices the page holds, filtered here.
  const answered = typed !== "" && q === typed && search.data !== undefined && !search.isPlaceholderData;
  const local = choices.filter((c) => c.name.toLowerCase().includes(typed.toLowerCase())).slice(0, SHOWN);
  const options = typed === "" ? choices.slice(0, SHOWN) : answered ? search.data : local;
  const shown = open && (options.length > 0 || answered);
  const highlighted = Math.max(0, Math.min(active, options.length - 1)); // the list may shrink under the highlight

  const pick = (c: CustomerChoice) => {
    setChosen(c);
    choose(c.id);
    setText(null);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (options.length === 0 ? 0 : (i + step + options.length) % options.length));
    } else if (event.key === "Enter" && shown && options[highlighted]) {
      event.preventDefault(); // picks; it does not submit the form
      pick(options[highlighted]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setText(null);
    }
  };
  // Leaving the box keeps the choice; an emptied box clears it, so "Choose a customer" says why.
  const onBlur = () => {
    setOpen(false);
    if (text !== null && text.trim() === "" && value) {
      setChosen(null);
      choose("");
    }
    setText(null);
  };

  return (
    <div className="combobox">
      <input type="hidden" {...registration} />
      <input
        {...aria}
        data-field={registration.name}
        type="text"
        role="combobox"
        aria-expanded={shown && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && options[highlighted] ? `${listId}-${highlighted}` : undefined}
        autoComplete="off"
        placeholder="Type a name to search…"
        readOnly={saving}
        value={text ?? (current ? customerLabel(current) : "")}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      <ul id={listId} role="listbox" aria-label="Customers" className="combobox__list" hidden={!shown || options.length === 0}>
        {options.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === highlighted}
            className="combobox__option"
            // Chosen on mousedown's default being prevented, so the box keeps focus and blur does not close first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(c)}
          >
            {c.name}
            {c.company || c.email ? <span className="muted small"> {[c.company, c.email].filter(Boolean).join(" · ")}</span> : null}
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status">
        {shown ? (options.length === 0 ? `No customer named “${typed}”.` : `${options.length} customers shown.`) : ""}
      </p>
      {shown && options.length === 0 ? (
        <p className="combobox__empty muted small">
          No customer named “{typed}”. <Link href="/customers/new">Add a customer</Link>
        </p>
      ) : null}
    </div>
  );
}

export default withQueryProvider(CustomerCombobox);
