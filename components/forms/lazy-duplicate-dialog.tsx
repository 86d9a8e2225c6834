"use client";

import dynamic from "next/dynamic";

// The dialog shows only after a save found near-matches, so its code loads then (or with a page
// rendered with it open), not with every form page.
export const DuplicateDialog = dynamic(() => import("./duplicate-dialog.tsx").then((m) => m.DuplicateDialog));
