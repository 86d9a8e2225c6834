/** Marks a record the Duplicate Lab made: test data, kept out of the real lists and counts. */
export function LabBadge() {
  return (
    <span className="badge badge--lab" title="Made by the Duplicate Lab: test data, left out of real lists, counts and duplicate checks">
      Lab
    </span>
  );
}
