"use client";

/**
 * The workspace's kill switch: a labelled checkbox with role="switch" that saves as soon as it is
 * flipped (a plain form post, so it also works without JavaScript through "Apply").
 */
export function DeliverySwitch({ enabled, action }: { enabled: boolean; action: (formData: FormData) => Promise<void> }) {
  return (
    <form action={action} className="switch-row">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          name="enabled"
          defaultChecked={enabled}
          onChange={(e) => e.currentTarget.form?.requestSubmit()}
          aria-describedby="switch-help"
        />
        <span className="switch__track" aria-hidden="true" />
        <span className="switch__label">Fulfilment provider</span>
      </label>
      <p id="switch-help" className="hint">
        On: every placed order is sent to the provider. Off: orders still save and their deliveries wait, in order, until it is back on.
      </p>
      <noscript>
        <button className="button button--secondary" type="submit">
          Apply
        </button>
      </noscript>
    </form>
  );
}
