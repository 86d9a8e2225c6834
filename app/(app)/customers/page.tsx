import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/pager.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { listCustomers } from "@/lib/customers/queries.ts";
import { getDb } from "@/lib/db.ts";
import { formatDateTime, pageNumber } from "@/lib/format.ts";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser();
  const page = pageNumber((await searchParams).page);
  const { rows, total, pages } = await listCustomers(getDb(), user.id, page);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Customers</h1>
          <p className="muted">{total === 1 ? "1 customer" : `${total} customers`}</p>
        </div>
        <div className="row">
          <Link className="button button--secondary" href="/customers/duplicates">Possible duplicates</Link>
          <Link className="button" href="/customers/new">New customer</Link>
        </div>
      </div>
      {rows.length === 0 ? (
        <div className="card empty">No customers yet. <Link href="/customers/new">Add the first one.</Link></div>
      ) : (
        <div className="table-wrap"><table className="table">
          <thead>
            <tr><th>Name</th><th>Email</th><th>Phone</th><th>Company</th><th>Created</th></tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td><Link href={`/customers/${c.id}`}>{c.name}</Link></td>
                <td>{c.email ?? "—"}</td>
                <td>{c.phone ?? "—"}</td>
                <td>{c.company ?? "—"}</td>
                <td>{formatDateTime(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <Pager basePath="/customers" page={page} pages={pages} />
    </>
  );
}
