// The Integration Lab's live panel: the signed-in user's Lab orders beside the provider's shipments.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { labIntegrationView } from "@/lib/lab/integration-view.ts";

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  return NextResponse.json(await labIntegrationView(getDb(), user.id), { headers: { "cache-control": "private, no-store" } });
}
