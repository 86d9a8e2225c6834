import Link from "next/link";
import type { SavedRecord } from "./use-draft-id.ts";
import { Notice } from "@/components/ui/notice.tsx";

/** Back returned to a form that was saved: say so, with the record, before anything is sent again. */
export function AlreadySavedNotice({ saved, onStartNew, another }: { saved: SavedRecord; onStartNew: () => void; another: string }) {
  return (
    <Notice tone="info" title="Already saved">
      This form was saved as <Link href={saved.href}>{saved.title}</Link>. Sending it again changes nothing;{" "}
      <button type="button" className="link-button" onClick={onStartNew}>
        start a new form
      </button>{" "}
      for {another}.
    </Notice>
  );
}
