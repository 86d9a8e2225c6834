import Link from "next/link";
import { Notice } from "@/components/ui/notice.tsx";

/** The banner a record page shows after a save redirected to it. */
export function RecordNotice({ notice, newHref, newLabel }: { notice?: string; newHref: string; newLabel: string }) {
  if (notice === "saved") {
    return (
      <Notice tone="success" title="Saved">
        <Link href={newHref}>{newLabel}</Link>
      </Notice>
    );
  }
  if (notice === "saved-unchecked") {
    return (
      <Notice tone="warn" title="Saved, without the duplicate check">
        <p>The check for similar records could not run this time, so this one was saved without it.</p>
        <Link href={newHref}>{newLabel}</Link>
      </Notice>
    );
  }
  if (notice === "already-saved") {
    return (
      <Notice tone="info" title="Already saved">
        <p>This form was submitted before, so nothing new was created: this is the record it saved.</p>
        <Link className="button" href={newHref}>
          {newLabel}
        </Link>
      </Notice>
    );
  }
  return null;
}
