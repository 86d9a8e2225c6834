import type { Metadata } from "next";
import Link from "next/link";
import { CustomerTable } from "@/components/customers/customer-table.tsx";
import { Pager } from "@/components/pager.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { listCustomers } from "@/lib/customers/queries.ts";
import { getDb } from "@/lib/db/client.ts";
import { pageNumber } from "@/lib/format.ts";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  const user = await requireUser();
  const params = await searchParams;
  const page = pageNumber(params.page);
  const q = (params.q ?? "").trim().slice(0, 200);
  const { rows, total, pages } = await listCustomers(getDb(), user.id, page, q);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Customers</h1>
          <p className="muted">
            {q ? `${total === 1 ? "1 customer matches" : `${total} customers match`} “${q}”` : total === 1 ? "1 customer" : `${total} customers`}
          </p>
        </div>
        <div className="row">
          <Link className="button button--secondary" href="/customers/duplicates">
            Possible duplicates
          </Link>
          <Link className="button" href="/customers/new">
            New customer
          </Link>
        </div>
      </div>
      <form className="search row" role="search" action="/customers">
        <label className="visually-hidden" htmlFor="customer-search">
          Search customers
        </label>
        <input id="customer-search" name="q" type="search" defaultValue={q} placeholder="Search by name, email or company" autoComplete="off" />
        <button className="button button--secondary" type="submit">
          Search
        </button>
        {q && <Link href="/customers">Clear</Link>}
      </form>
      {rows.length === 0 ? (
        q ? (
          <div className="card empty">No customer matches “{q}”.</div>
        ) : (
          <div className="card empty">
            No customers yet. <Link href="/customers/new">Add the first one.</Link>
          </div>
        )
      ) : (
        <CustomerTable customers={rows} />
      )}
      <Pager basePath="/customers" page={page} pages={pages} params={{ q }} />
    </>
  );
}
