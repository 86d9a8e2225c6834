"use client";

import { lazyComponent } from "@/components/lazy-component.tsx";

// The dialog shows only after a save found near-matches, so its code loads then (or with a page
// rendered with it open), not with every form page.
export const DuplicateDialog = lazyComponent(() => import("./duplicate-dialog.tsx").then((m) => m.DuplicateDialog));
