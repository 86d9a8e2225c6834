export function SubmitButton({ saving, label, savingLabel = "Saving…" }: { saving: boolean; label: string; savingLabel?: string }) {
  return (
    <button className="button" type="submit" disabled={saving} aria-busy={saving}>
      {saving ? savingLabel : label}
    </button>
  );
}
