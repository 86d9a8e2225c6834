"use client";

import { useState, useTransition } from "react";
import type { LabKey, LabSettings } from "@/lib/lab/settings.ts";

type Item = { key: LabKey; label: string; help: string };
export type LabSwitchGroup = { legend: string; items: readonly Item[] };

/**
 * One real switch (a labelled checkbox with role="switch") per protection and condition. With
 * JavaScript each change is saved at once; without it, "Apply" posts the form. The page passes the
 * groups, so their words travel with the page and not in this component's code.
 */
export function LabSwitches({ settings, action, groups }: { settings: LabSettings; action: (formData: FormData) => Promise<void>; groups: LabSwitchGroup[] }) {
  const [current, setCurrent] = useState(settings);
  const [pending, startTransition] = useTransition();

  function toggle(key: LabKey, on: boolean) {
    const next = { ...current, [key]: on };
    setCurrent(next);
    const formData = new FormData();
    formData.set("keys", key);
    if (on) formData.set(key, "on");
    // Called directly, not as the form's action, so React does not reset the form afterwards.
    startTransition(() => action(formData));
  }

  const group = ({ legend, items }: LabSwitchGroup) => (
    <fieldset className="switches" key={legend}>
      <legend>{legend}</legend>
      {items.map((item) => (
        <div key={item.key} className="switch-row">
          <input type="hidden" name="keys" value={item.key} />
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              name={item.key}
              checked={current[item.key]}
              onChange={(event) => toggle(item.key, event.target.checked)}
              aria-describedby={`${item.key}-help`}
            />
            <span className="switch__track" aria-hidden="true" />
            <span className="switch__label">{item.label}</span>
          </label>
          <p id={`${item.key}-help`} className="hint">
            {item.help}
          </p>
        </div>
      ))}
    </fieldset>
  );

  return (
    <form action={action} className="stack" aria-busy={pending}>
      {groups.map(group)}
      <noscript>
        <button className="button button--secondary" type="submit">
          Apply
        </button>
      </noscript>
    </form>
  );
}
