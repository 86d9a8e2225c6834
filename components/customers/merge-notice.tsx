import { Notice } from "@/components/ui/notice.tsx";

/** The banner a survivor's page shows after a merge or an undo redirected to it. */
export function MergeNotice({ notice }: { notice?: string }) {
  if (notice === "merged")
    return (
      <Notice tone="success" title="Merged">
        The other records now lead here; their orders moved to this customer. You can undo it below.
      </Notice>
    );
  if (notice === "unmerged")
    return (
      <Notice tone="success" title="Merge undone">
        The merged customers are back, with their own values and orders.
      </Notice>
    );
  if (notice === "undo-after-later-merge")
    return (
      <Notice tone="warn" title="Not undone yet">
        This customer was merged into another since: undo that merge first.
      </Notice>
    );
  if (notice === "undo-newest-first")
    return (
      <Notice tone="warn" title="Not undone yet">
        Another customer was merged into this one later, and undoing this merge first would lose what that one changed. Undo the newest merge in the history
        below first.
      </Notice>
    );
  if (notice === "undo-unavailable")
    return (
      <Notice tone="warn" title="Not undone">
        This merge can no longer be undone.
      </Notice>
    );
  return null;
}
